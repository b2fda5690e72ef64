import { mount } from 'svelte';
import App from './App.svelte';
import { offline } from './offline/offline-state.svelte';
import { startApp } from './state/startup';
import './ui/styles.css';

const target = document.getElementById('app');
if (target === null) {
  throw new Error('index.html has no element with id "app" to mount the app into.');
}

mount(App, { target });
startApp();
offline.start();
