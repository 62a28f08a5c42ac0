import { type Strings, useStrings } from '../../shared/strings.ts';

const fr = {
  'settings.title': 'Sécurité des connexions',
  'settings.help':
    "Exiger la double authentification du personnel (administrateurs, responsables, agents) : à sa prochaine connexion, un membre du personnel qui ne l'a pas encore doit l'activer avant d'accéder à l'application. Activez-la d'abord sur votre propre compte.",
  'settings.require': 'Exiger la double authentification pour le personnel',
  'settings.saved': 'Réglage enregistré.',
  'settings.ownAccount': 'Sécurité de mon compte',
} as const;

const en: Record<keyof typeof fr, string> = {
  'settings.title': 'Sign-in security',
  'settings.help':
    'Require two-factor authentication from staff (administrators, managers, agents): at their next sign-in, staff who do not use it yet must turn it on before reaching the application. Turn it on for your own account first.',
  'settings.require': 'Require two-factor authentication for staff',
  'settings.saved': 'Setting saved.',
  'settings.ownAccount': 'My account security',
};

const strings: Strings<keyof typeof fr> = { fr, en };

export function useAgencyStrings() {
  return useStrings(strings);
}
