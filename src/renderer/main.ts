import './zod-jitless'
import { detectClient } from './api'
import { createGasDeskApp } from './app'
import './styles.css'

// The client first: in the browser shell it takes the token out of the URL hash before the hash router
// reads the address.
const { app } = createGasDeskApp({ client: detectClient() })
app.mount('#app')
