import { createApp } from 'vue';
// Registers <vitrine-table> and <vitrine-map>, as an app that installed `vitrine` from npm would.
// Imported before Vue mounts, so Vue meets defined elements and can set their properties.
import 'vitrine/table';
import 'vitrine/map';
import '../../apps.css';
import App from './App.vue';

createApp(App).mount('#app');
