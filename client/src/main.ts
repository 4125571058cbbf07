import { mount } from 'svelte'
import App from './App.svelte'
import { access } from './access/access.svelte'
import { router } from './router/router.svelte'
import { live } from './live/connection.svelte'
// The wall's own font, split by unicode-range so a screen fetches only the subsets its text uses.
import '@fontsource-variable/noto-sans-sc'
import './app.css'

router.start()
access.start()
live.start()

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')
// index.html shows a loading line until the app takes over.
target.textContent = ''
mount(App, { target })
