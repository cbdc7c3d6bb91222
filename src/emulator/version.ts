// The package's version, for `customer-graph --version`, the health endpoint and the OpenAPI document. It is
// a constant rather than a read of package.json because the built files live at other depths than the
// sources; test/emulator/package.test.ts keeps it equal to package.json's.

/** The version of the customer-graph package (EMU-17). */
export const VERSION = '0.1.0';
