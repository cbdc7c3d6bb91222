/**
 * `customer-graph/testing`: what a test suite needs around the emulator: a shared emulator with a fresh
 * isolated org per test (`withEmulator`, and `emulatorFixtures` for vitest), a typed client of every
 * endpoint, and an in-process fetch (EMU-26, EMU-29).
 * @module customer-graph/testing
 */
export { withEmulator, testOrgOn, type SharedEmulator, type TestOrg } from './shared-emulator';
export { emulatorFixtures, type EmulatorFixtures, type Use } from './vitest-fixtures';
export { createClient, type Call, type Client, type ClientOptions, type Id, type Listed, type QueryOf, type WriteOptions, type Written } from './client';
export { clientErrorOf, networkErrorOf, type ClientError } from './client-error';
export { inProcessFetch, answerInProcess } from './fetch-bridge';
