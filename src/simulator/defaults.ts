/** Documented default admin credentials of the simulator (a global owner of every org). */
export const DEFAULT_ADMIN = {
  publicKey: 'simadmin',
  privateKey: '5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  clientId: 'mdb_sa_id_5e1f2a3b4c5d4e6f8a9b0c1d',
  clientSecret: 'mdb_sa_sk_simulator-admin-secret',
} as const;

export const DEFAULT_PORT = 8080;
