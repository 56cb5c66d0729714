// Bounds that come from PostgreSQL rather than from a product rule.

/**
 * The largest value of a PostgreSQL `integer` column. Every integer a client sends is bounded by it,
 * so that a larger one is a 400 naming the field, not a database error.
 */
export const INT4_MAX = 2_147_483_647;
