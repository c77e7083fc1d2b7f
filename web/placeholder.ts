// The placeholder page until the PWA lands: says whether the server answers.
import { routes } from '../shared/api/routes.ts';

const status = document.getElementById('health');
fetch(routes.health)
  .then((res) => res.json() as Promise<{ ok: boolean; version: string }>)
  .then((health) => {
    if (status) status.textContent = `The server is up (version ${health.version}).`;
  })
  .catch(() => {
    if (status) status.textContent = 'The server does not answer.';
  });
