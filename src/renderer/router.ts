import {
  createRouter,
  createWebHashHistory,
  createMemoryHistory,
  type Router,
  type RouterHistory,
} from 'vue-router'
import type { Role } from '../contract'
import { sections, sectionById } from './sections'

/**
 * Hash history: Electron loads index.html from a file and the browser shell serves one file, so the
 * path part of the URL never changes. `currentRole` lets the guard keep supervisor sections closed.
 */
export function createGasDeskRouter(currentRole: () => Role | null, history?: RouterHistory): Router {
  const router = createRouter({
    history: history ?? (typeof window === 'undefined' ? createMemoryHistory() : createWebHashHistory()),
    routes: [
      ...sections.map((s) => ({
        name: s.id,
        path: s.path,
        component: s.component,
        meta: { roles: s.roles },
      })),
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
  router.beforeEach((to) => {
    const section = sectionById(to.name)
    const role = currentRole()
    if (section && role && !section.roles.includes(role)) return { name: 'home' }
    return true
  })
  return router
}
