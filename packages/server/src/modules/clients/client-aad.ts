/**
 * Associated data for a sealed client column: binds the ciphertext to its column and row, so a value
 * copied to another row or column does not open. The key-rotation registry uses the same rule.
 */
export const clientAad = (column: string, clientId: string): string => `clients.${column}:${clientId}`;
