// The page's entry: the models, the app shell element that provides them, and the session's start.
import { createModels } from './app/models.ts';
import type { CubbyApp } from './components/cubby-app.ts';
import './components/cubby-app.ts';

const models = createModels();
const app = document.querySelector<CubbyApp>('cubby-app');
if (app) app.models = models;
void models.session.start();
