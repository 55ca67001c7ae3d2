/**
 * Ids in addresses and forms are UUIDs (the tables' primary keys). Checking the shape first lets a
 * use case answer "not found" for `/startups/nonsense` instead of a database error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
