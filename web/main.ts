// The page's entry: the app shell element and the controller it renders.
import { CubbyController } from './app/cubby-controller.ts';
import type { CubbyApp } from './components/cubby-app.ts';
import './components/cubby-app.ts';

const controller = new CubbyController();
const app = document.querySelector<CubbyApp>('cubby-app');
if (app) app.controller = controller;
void controller.start();
