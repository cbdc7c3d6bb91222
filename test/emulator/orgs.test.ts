// Run-time orgs (EMU-22).
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator';
import { basicHeader } from '../../src/emulator/http/auth';
import { DEFAULT_ORG_CONFIG } from '../../src/index';

describe('EMU-22 run-time orgs', () => {
  it('EMU-22 createOrg copies the default org with fresh ids; its tills work at once; deleteOrg removes it', async () => {
    const emulator = await createEmulator();
    const made = await emulator.createOrg();
    expect(made.isOk()).toBe(true);
    const creds = made._unsafeUnwrap();
    expect(emulator.orgs.map((o) => o.id)).toContain(creds.orgId);
    const till = creds.tills[0]!;
    const res = await emulator.request({ method: 'GET', path: '/_emulator/org', headers: { authorization: till.authorization } });
    expect(res.status).toBe(200);
    expect((res.body as { id: string }).id).toBe(creds.orgId);
    expect((await emulator.deleteOrg(creds.orgId)).isOk()).toBe(true);
    const after = await emulator.request({ method: 'GET', path: '/_emulator/org', headers: { authorization: till.authorization } });
    expect(after.status).toBe(401);
    expect((await emulator.deleteOrg(creds.orgId))._unsafeUnwrapErr().code).toBe(404);
    await emulator.close();
  });

  it('EMU-22 a bad config is 400 naming the field, a taken id or till code 409', async () => {
    const emulator = await createEmulator();
    const bad = await emulator.createOrg({ ...DEFAULT_ORG_CONFIG, id: 'x', tills: 'nope' });
    expect(bad._unsafeUnwrapErr().code).toBe(400);
    expect(bad._unsafeUnwrapErr().message).toMatch(/tills/);
    expect((await emulator.createOrg(DEFAULT_ORG_CONFIG))._unsafeUnwrapErr().code).toBe(409);
    expect((await emulator.createOrg({ ...DEFAULT_ORG_CONFIG, id: 'y' }))._unsafeUnwrapErr().code).toBe(409);
    await emulator.close();
  });

  it('EMU-22 POST/GET/DELETE /_emulator/orgs need the admin credential: 401 without, 403 for a till', async () => {
    const emulator = await createEmulator({ orgs: [DEFAULT_ORG_CONFIG], admin: { code: 'boss', password: 'pw' } });
    const admin = basicHeader('boss', 'pw');
    expect((await emulator.request({ method: 'POST', path: '/_emulator/orgs' })).status).toBe(401);
    const demo = await emulator.request({ method: 'POST', path: '/_emulator/orgs', till: 'demo.till' });
    expect(demo.status).toBe(403);
    expect(demo.body).toMatchObject({ errors: [{ status: false, code: 403 }], warnings: [] });
    const made = await emulator.request({ method: 'POST', path: '/_emulator/orgs', headers: { authorization: admin } });
    expect(made.status).toBe(201);
    const orgId = (made.body as { orgId: string }).orgId;
    const list = await emulator.request({ method: 'GET', path: '/_emulator/orgs', headers: { authorization: admin } });
    expect((list.body as { orgs: { id: string }[] }).orgs.map((o) => o.id)).toEqual(['default', orgId].filter((x) => x !== 'default' || emulator.orgs[0]?.id === 'default'));
    expect((await emulator.request({ method: 'DELETE', path: `/_emulator/orgs/${orgId}`, headers: { authorization: admin } })).status).toBe(200);
    expect((await emulator.request({ method: 'DELETE', path: `/_emulator/orgs/${orgId}`, headers: { authorization: admin } })).status).toBe(404);
    await emulator.close();
  });

  it('EMU-22 with the default org alone, demo.till is an admin', async () => {
    const emulator = await createEmulator();
    expect(emulator.admin.code).toBe('admin');
    expect((await emulator.request({ method: 'POST', path: '/_emulator/orgs', till: 'demo.till' })).status).toBe(201);
    await emulator.close();
  });
});
