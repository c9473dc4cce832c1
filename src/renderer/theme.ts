import { definePreset } from '@primeuix/themes'
import Aura from '@primeuix/themes/aura'

const shades = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const
const palette = (name: string): Record<number, string> =>
  Object.fromEntries(shades.map((s) => [s, `{${name}.${s}}`]))

/**
 * Aura, made calmer and higher-contrast for a working day: a deep blue primary (white text on it passes
 * WCAG AA), darker body and muted text, and a 2px focus ring that is visible on every control.
 */
export const GasDeskPreset = definePreset(Aura, {
  components: {
    // Aura's grey buttons are too faint for a working day: darker text and visible borders.
    button: {
      colorScheme: {
        light: {
          root: {
            secondary: {
              background: '{surface.200}',
              hoverBackground: '{surface.300}',
              activeBackground: '{surface.400}',
              borderColor: '{surface.400}',
              hoverBorderColor: '{surface.500}',
              activeBorderColor: '{surface.600}',
              color: '{surface.900}',
              hoverColor: '{surface.950}',
              activeColor: '{surface.950}',
            },
          },
          outlined: {
            secondary: {
              hoverBackground: '{surface.100}',
              activeBackground: '{surface.200}',
              borderColor: '{surface.500}',
              color: '{surface.800}',
            },
          },
        },
      },
    },
  },
  semantic: {
    primary: palette('blue'),
    focusRing: { width: '2px', style: 'solid', color: '{primary.700}', offset: '2px', shadow: 'none' },
    formField: {
      paddingY: '0.375rem',
      paddingX: '0.625rem',
      focusRing: { width: '2px', style: 'solid', color: '{primary.700}', offset: '1px', shadow: 'none' },
    },
    colorScheme: {
      light: {
        primary: {
          color: '{primary.700}',
          contrastColor: '#ffffff',
          hoverColor: '{primary.800}',
          activeColor: '{primary.900}',
        },
        text: {
          color: '{surface.900}',
          hoverColor: '{surface.950}',
          mutedColor: '{surface.600}',
          hoverMutedColor: '{surface.700}',
        },
        formField: {
          color: '{surface.900}',
          borderColor: '{surface.500}',
          hoverBorderColor: '{surface.700}',
          placeholderColor: '{surface.600}',
        },
      },
    },
  },
})
