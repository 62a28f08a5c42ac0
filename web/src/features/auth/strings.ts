import { type Strings, useStrings } from '../../shared/strings.ts';

const fr = {
  'code.title': 'Code de vérification',
  'code.subtitle': "Saisissez le code à 6 chiffres affiché par votre application d'authentification.",
  'code.label': 'Code',
  'code.recoveryHint': "Plus d'accès à l'application ? Saisissez un de vos codes de secours (xxxxx-xxxxx).",
  'code.submit': 'Valider',
  'code.back': 'Recommencer la connexion',
  'enrol.loginTitle': 'Double authentification requise',
  'enrol.loginSubtitle': "L'agence exige la double authentification pour le personnel. Activez-la pour continuer.",
  'enrol.step1': "1. Scannez ce QR code avec votre application d'authentification (Google Authenticator, Microsoft Authenticator, FreeOTP, 1Password…).",
  'enrol.manual': 'Ou saisissez cette clé à la main :',
  'enrol.step2': "2. Saisissez le code à 6 chiffres que l'application affiche.",
  'enrol.confirm': 'Activer',
  'enrol.qrAlt': 'QR code à scanner avec votre application',
  'recovery.title': 'Vos codes de secours',
  'recovery.help':
    "Gardez-les en lieu sûr (gestionnaire de mots de passe, papier). Chacun permet une connexion si vous perdez votre téléphone ; ils ne seront plus affichés.",
  'recovery.copyAll': 'Copier les codes',
  'recovery.continue': "J'ai mis mes codes en lieu sûr",
  'security.title': 'Sécurité du compte',
  'security.subtitle': 'Double authentification (code à usage unique, TOTP)',
  'security.enabled': 'Activée',
  'security.disabled': 'Désactivée',
  'security.enabledSince': 'Activée depuis le {date}.',
  'security.codesLeft': 'Codes de secours restants : {count}',
  'security.off':
    "Avec la double authentification, un mot de passe deviné ou volé ne suffit plus : chaque connexion demande aussi le code affiché par votre téléphone.",
  'security.start': 'Activer la double authentification',
  'security.cancel': 'Annuler',
  'security.required': "L'agence l'exige pour le personnel : elle ne peut pas être désactivée.",
  'security.disableTitle': 'Désactiver',
  'security.disableHelp': 'Saisissez un code actuel de votre application (ou un code de secours) pour désactiver la double authentification.',
  'security.disable': 'Désactiver la double authentification',
  'security.disabledDone': 'Double authentification désactivée.',
  'security.enabledDone': 'Double authentification activée.',
} as const;

const en: Record<keyof typeof fr, string> = {
  'code.title': 'Verification code',
  'code.subtitle': 'Enter the 6-digit code shown by your authenticator app.',
  'code.label': 'Code',
  'code.recoveryHint': 'Lost access to the app? Enter one of your recovery codes (xxxxx-xxxxx).',
  'code.submit': 'Verify',
  'code.back': 'Start signing in again',
  'enrol.loginTitle': 'Two-factor authentication required',
  'enrol.loginSubtitle': 'The agency requires two-factor authentication for staff. Turn it on to continue.',
  'enrol.step1': '1. Scan this QR code with your authenticator app (Google Authenticator, Microsoft Authenticator, FreeOTP, 1Password…).',
  'enrol.manual': 'Or type this key by hand:',
  'enrol.step2': '2. Enter the 6-digit code the app shows.',
  'enrol.confirm': 'Turn on',
  'enrol.qrAlt': 'QR code to scan with your app',
  'recovery.title': 'Your recovery codes',
  'recovery.help':
    'Keep them somewhere safe (password manager, paper). Each one signs you in once if you lose your phone; they will not be shown again.',
  'recovery.copyAll': 'Copy the codes',
  'recovery.continue': 'I have stored my codes safely',
  'security.title': 'Account security',
  'security.subtitle': 'Two-factor authentication (one-time codes, TOTP)',
  'security.enabled': 'On',
  'security.disabled': 'Off',
  'security.enabledSince': 'On since {date}.',
  'security.codesLeft': 'Recovery codes left: {count}',
  'security.off':
    'With two-factor authentication, a guessed or stolen password is no longer enough: every sign-in also asks for the code your phone shows.',
  'security.start': 'Turn on two-factor authentication',
  'security.cancel': 'Cancel',
  'security.required': 'The agency requires it for staff: it cannot be turned off.',
  'security.disableTitle': 'Turn off',
  'security.disableHelp': 'Enter a current code from your app (or a recovery code) to turn two-factor authentication off.',
  'security.disable': 'Turn off two-factor authentication',
  'security.disabledDone': 'Two-factor authentication turned off.',
  'security.enabledDone': 'Two-factor authentication turned on.',
};

const strings: Strings<keyof typeof fr> = { fr, en };

export function useAuthStrings() {
  return useStrings(strings);
}
