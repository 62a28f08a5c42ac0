// Every refusal a user can meet: a stable snake_case code and a message in French and
// English. The server answers in the caller's language; the web translates by code.

export const errorMessages = {
  validation_failed: { fr: 'Les données envoyées sont invalides.', en: 'The data sent is invalid.' },
  not_found: { fr: 'Introuvable.', en: 'Not found.' },
  unauthenticated: { fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
  token_expired: { fr: 'Votre session a expiré, veuillez vous reconnecter.', en: 'Your session has expired, please sign in again.' },
  forbidden: { fr: "Vous n'avez pas accès à cette action.", en: 'You are not allowed to do this.' },
  invalid_credentials: { fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Wrong email address or password.' },
  rate_limited: { fr: 'Trop de tentatives, réessayez dans un moment.', en: 'Too many attempts, try again in a moment.' },
  email_taken: { fr: 'Cette adresse e-mail est déjà utilisée.', en: 'This email address is already in use.' },
  password_too_short: { fr: 'Le mot de passe doit contenir au moins 12 caractères.', en: 'The password must be at least 12 characters long.' },
  creditor_required: { fr: 'Un utilisateur créancier doit être rattaché à un créancier.', en: 'A creditor user must belong to a creditor.' },
  invalid_siren: { fr: 'Le numéro SIREN est invalide.', en: 'The SIREN number is invalid.' },
  siren_required: { fr: 'Le SIREN est obligatoire pour une société.', en: 'A SIREN is required for a company.' },
  insolvency_proceedings: {
    fr: 'La société débitrice est en procédure collective (sauvegarde, redressement ou liquidation judiciaire) : toute poursuite individuelle est arrêtée (C. com. L622-21). La créance se déclare au mandataire judiciaire.',
    en: 'The debtor company is in collective proceedings (safeguard, reorganisation or liquidation): individual collection has stopped (C. com. L622-21). The claim is declared to the court-appointed representative instead.',
  },
  registry_address_unavailable: {
    fr: 'Le registre ne donne pas d’adresse plus récente pour cette société.',
    en: 'The registry gives no newer address for this company.',
  },
  claim_declaration_already_declared: { fr: 'Cette déclaration de créance est déjà enregistrée comme faite.', en: 'This claim declaration is already recorded as made.' },
  invalid_logo: {
    fr: 'Le logo doit être une image lisible (PNG, JPEG, WebP ou SVG), de 512 Ko et 4000 × 4000 pixels au plus.',
    en: 'The logo must be a readable image (PNG, JPEG, WebP or SVG) of at most 512 KB and 4000 × 4000 pixels.',
  },
  invalid_brand_color: {
    fr: 'La couleur de la marque doit être écrite #rrggbb (par exemple #1d4ed8).',
    en: 'The brand colour must be written #rrggbb (for example #1d4ed8).',
  },
  file_required: { fr: 'Aucun fichier reçu.', en: 'No file received.' },
  file_too_large: { fr: 'Le fichier est trop volumineux.', en: 'The file is too large.' },
  invalid_csv_header: { fr: "L'en-tête du fichier ne correspond pas au format attendu.", en: 'The file header does not match the expected format.' },
  mandate_invalid: { fr: "Le mandat de ce créancier n'est pas valide : aucun dossier ne peut être confié.", en: "This creditor's mandate is not valid: no case can be placed." },
  portal_verification_required: { fr: "Pour voir le détail de votre dossier, confirmez d'abord le code postal de l'adresse où vous avez reçu notre courrier, ou sa référence.", en: 'To see the details of your file, first confirm the postcode of the address where you received our letter, or its reference.' },
  portal_verification_failed: { fr: "Cette réponse ne correspond pas à votre dossier. Vérifiez le code postal ou la référence indiquée sur le courrier.", en: 'This answer does not match your file. Check the postcode or the reference printed on the letter.' },
  portal_locked: { fr: 'Trop de tentatives : ce lien est bloqué pendant une heure. Réessayez plus tard ou appelez-nous.', en: 'Too many attempts: this link is locked for an hour. Try again later or call us.' },
  portal_link_invalid: { fr: "Ce lien n'est pas valide ou a expiré. Contactez-nous pour en recevoir un nouveau.", en: 'This link is invalid or has expired. Contact us to receive a new one.' },
  nothing_to_pay: { fr: 'Il ne reste rien à payer sur ce dossier.', en: 'Nothing is left to pay on this case.' },
  amount_too_high: { fr: 'Le montant dépasse le solde dû.', en: 'The amount is higher than the balance due.' },
  invalid_signature: { fr: 'Signature du webhook invalide.', en: 'Invalid webhook signature.' },
  checkout_closed: { fr: 'Cette session de paiement est terminée.', en: 'This payment session is over.' },
  amount_too_low: {
    fr: 'Ce montant est inférieur au minimum accepté pour un paiement en ligne. Vous pouvez toujours payer le solde entier ou votre prochaine échéance.',
    en: 'This amount is below the least accepted for an online payment. You can always pay the whole balance or your next installment.',
  },
  invalid_phone: { fr: 'Le numéro de téléphone est invalide.', en: 'The phone number is invalid.' },
  claim_ref_exists: { fr: 'Une créance porte déjà cette référence chez ce créancier.', en: 'A claim with this reference already exists for this creditor.' },
  duplicate_claim_ref: { fr: 'La même référence de créance apparaît deux fois.', en: 'The same claim reference appears twice.' },
  claim_due_before_issue: { fr: "L'échéance d'une créance précède sa date d'émission.", en: 'A claim is due before its issue date.' },
  claim_not_yet_due: { fr: "Une créance n'est pas encore échue : elle ne peut pas être confiée au recouvrement.", en: 'A claim is not due yet: it cannot be placed for collection.' },
  mixed_currencies: { fr: 'Toutes les créances d’un dossier doivent être dans la même devise.', en: 'All claims of a case must be in the same currency.' },
  date_in_future: { fr: 'Cette date est dans le futur.', en: 'This date is in the future.' },
  external_ref_exists: { fr: 'Un dossier porte déjà cette référence chez ce créancier.', en: 'A case with this reference already exists for this creditor.' },
  debtor_has_case: { fr: 'Ce débiteur a déjà un dossier chez ce créancier.', en: 'This debtor already has a case with this creditor.' },
  idempotency_key_reused: { fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.', en: 'This idempotency key was already used for a different request.' },
  unknown_claim_ref: { fr: "Cette référence de créance ne fait pas partie du dossier.", en: 'This claim reference is not part of the case.' },
  receipt_not_cancelled: { fr: "Cette quittance n'est pas annulée : elle n'a pas d'avis d'annulation.", en: 'This receipt is not cancelled: it has no cancellation notice.' },
  receipt_document_refused: {
    fr: "Ce document de paiement ne peut pas être produit : il ne passe pas le contrôle de conformité (identité de l'agence ou du créancier, décompte, modalités de paiement).",
    en: 'This payment document cannot be produced: it fails the compliance check (agency or creditor identity, statement, payment instructions).',
  },
  missing_rate: { fr: "Les taux d'intérêt d'un semestre nécessaire au décompte ne sont pas enregistrés : un administrateur doit les ajouter.", en: 'The interest rates of a half-year the statement needs are not recorded: an administrator must add them.' },
  statement_input_invalid: { fr: 'Les données du dossier ne permettent pas de calculer le décompte.', en: "The case's data does not allow the statement to be computed." },
  rate_exists: { fr: 'Les taux de ce semestre sont déjà enregistrés.', en: 'The rates of this half-year are already recorded.' },
  rate_too_far_ahead: { fr: "Les taux d'un semestre ne peuvent être ajoutés qu'à partir du semestre précédent.", en: 'The rates of a half-year can only be added from the half-year before it.' },
  api_rate_limited: { fr: 'Trop de requêtes avec cette clé API : réessayez dans une minute.', en: 'Too many requests with this API key: try again in a minute.' },
  case_closed: { fr: 'Ce dossier est clos : il ne peut plus être modifié ainsi.', en: 'This case is closed: it can no longer be changed this way.' },
  webhook_url_not_allowed: { fr: "L'adresse du webhook doit être une URL https publique.", en: 'The webhook address must be a public https URL.' },
  import_mapping_incomplete: { fr: "Les colonnes du fichier ne permettent pas de reconnaître tous les champs obligatoires (référence, échéance, montant, débiteur) : précisez la correspondance des colonnes.", en: "The file's columns do not identify every required field (reference, due date, amount, debtor): specify the column mapping." },
  invalid_import_mapping: { fr: "La correspondance des colonnes cite une colonne absente du fichier.", en: 'The column mapping names a column that is not in the file.' },
  import_not_pending: { fr: "Cet import n'est plus en attente : il ne peut pas être lancé ou annulé.", en: 'This import is no longer pending: it cannot be started or cancelled.' },
  unsupported_file: { fr: 'Format de fichier non pris en charge (CSV ou XLSX attendu).', en: 'Unsupported file format (CSV or XLSX expected).' },
  xlsx_too_many_texts: {
    fr: "Ce classeur Excel contient trop de textes différents pour être lu sans risque pour la mémoire du serveur. Enregistrez la feuille au format CSV (Fichier > Enregistrer sous > CSV) et importez ce fichier : il est lu au fil de l'eau, quelle que soit sa taille.",
    en: 'This Excel workbook holds too many distinct texts to be read safely in the server\'s memory. Save the sheet as CSV (File > Save as > CSV) and import that file: it is read as a stream, whatever its size.',
  },
  sheet_not_found: { fr: "Cette feuille n'existe pas dans le classeur.", en: 'This sheet is not in the workbook.' },
  agency_records_invalid: {
    fr: "Les registres obligatoires de l'agence (assurance, compte de fonds de tiers, déclaration au procureur) manquent ou ont expiré : aucun nouveau dossier ne peut être reçu (CPCE R124-2).",
    en: "The agency's mandatory records (insurance, client-funds account, declaration to the public prosecutor) are missing or expired: no new case can be received (CPCE R124-2).",
  },
  invalid_iban: { fr: "L'IBAN est invalide.", en: 'The IBAN is invalid.' },
  invalid_bic: { fr: 'Le BIC est invalide.', en: 'The BIC is invalid.' },
  invalid_vat_number: {
    fr: 'Le numéro de TVA intracommunautaire est invalide (attendu FR + clé à 2 chiffres + SIREN).',
    en: 'The VAT number is invalid (expected FR + 2-digit key + SIREN).',
  },
  vat_number_siren_mismatch: { fr: 'Le numéro de TVA ne correspond pas au SIREN.', en: 'The VAT number does not match the SIREN.' },
  insufficient_contrast: {
    fr: 'Couleur peu lisible : le texte blanc sur la couleur principale doit atteindre un contraste de 4,5:1 (WCAG). Choisissez une couleur plus foncée.',
    en: 'Colour not readable enough: white text on the primary colour must reach a 4.5:1 contrast (WCAG). Choose a darker colour.',
  },
  remittance_nothing_to_remit: {
    fr: 'Aucun fonds à reverser ni remboursement à faire à cette date.',
    en: 'No funds to remit and no refund to make as of this date.',
  },
  remittance_run_in_progress: {
    fr: 'Un reversement en brouillon existe déjà pour ce créancier : envoyez-le d’abord.',
    en: 'A draft remittance already exists for this creditor: send it first.',
  },
  remittance_run_already_sent: { fr: 'Ce reversement a déjà été transmis à la banque.', en: 'This remittance run was already sent to the bank.' },
  remittance_creditor_without_iban: {
    fr: 'Le créancier n’a pas de compte de reversement (IBAN) : renseignez-le sur sa fiche.',
    en: 'The creditor has no remittance account (IBAN): add it to its record.',
  },
  remittance_agency_without_iban: {
    fr: 'Le compte de tiers de l’agence (IBAN) n’est pas renseigné.',
    en: 'The agency’s client-funds account (IBAN) is not set.',
  },
  remittance_funds_changed: {
    fr: 'Les fonds du créancier ont diminué depuis la préparation (paiement annulé) : le reversement dépasserait ce qui est détenu.',
    en: 'The creditor’s funds went down since the run was prepared (a payment was reversed): the remittance would exceed what is held.',
  },
  remittance_delay_too_long: {
    fr: "Les fonds doivent être reversés au créancier dans un délai d'un mois (30 jours), sauf stipulation contraire du mandat (CPCE R124-6).",
    en: 'Collected funds must be paid over to the creditor within one month (30 days) unless the mandate says otherwise (CPCE R124-6).',
  },
  invalid_mandate_document: { fr: 'Le mandat signé doit être un fichier PDF de 10 Mo au plus.', en: 'The signed mandate must be a PDF file of at most 10 MB.' },
  invitation_invalid: {
    fr: "Cette invitation n'est pas valide, a déjà été utilisée ou a expiré. Demandez-en une nouvelle.",
    en: 'This invitation is invalid, already used or expired. Ask for a new one.',
  },
  email_delivery_failed: { fr: "L'e-mail n'a pas pu être envoyé. Réessayez plus tard.", en: 'The email could not be sent. Try again later.' },
  read_only_access: {
    fr: 'Votre accès est en consultation seule : vous ne pouvez rien modifier (fichiers, dossiers, paiements, paramètres).',
    en: 'Your access is read-only: you cannot change anything (files, cases, payments, settings).',
  },
  lease_lost: {
    fr: "Vous ne détenez plus ce dossier : votre réservation a expiré ou il a été libéré. Reprenez le dossier suivant.",
    en: 'You no longer hold this case: your lease expired or it was released. Take the next case.',
  },
  agent_away: { fr: 'Vous êtes signalé absent : la file ne vous attribue aucun dossier avant votre retour.', en: 'You are marked as away: the queue gives you no case until you are back.' },
  not_an_agent: { fr: "Cet utilisateur n'est pas un agent.", en: 'This user is not an agent.' },
  invalid_band: { fr: 'Le minimum de la tranche dépasse son maximum.', en: 'The minimum of the band is above its maximum.' },
  dunning_segment_taken: {
    fr: 'Une stratégie active existe déjà pour ce créancier et ce segment (type de débiteur, tranche de solde) : modifiez-la ou choisissez un autre segment.',
    en: 'An active strategy already exists for this creditor and segment (debtor kind, balance band): edit it or choose another segment.',
  },
  forbidden_transition: {
    fr: "Le statut actuel du dossier ne permet pas ce changement (par exemple : promesse sur un dossier en échéancier, dossier clos).",
    en: "The case's current status does not allow this change (for example: a promise on a case under a payment plan, a closed case).",
  },
  date_in_past: { fr: 'Cette date est déjà passée.', en: 'This date is already past.' },
  kpi_period_invalid: {
    fr: 'La période des indicateurs est invalide : la fin doit suivre le début, sur trois ans au plus.',
    en: 'The KPI period is invalid: its end must follow its start, over three years at most.',
  },
  saved_filter_name_taken: {
    fr: 'Vous avez déjà un filtre enregistré sous ce nom.',
    en: 'You already have a saved filter with this name.',
  },
  report_month_invalid: {
    fr: 'Le mois du rapport est invalide : un mois terminé, écrit AAAA-MM.',
    en: 'The report month is invalid: a finished month, written YYYY-MM.',
  },
  report_not_ready: {
    fr: 'Le rapport mensuel n’est pas encore prêt.',
    en: 'The monthly report is not ready yet.',
  },
  plan_terms_changed: {
    fr: "Les conditions de cet échéancier ont changé depuis leur affichage : relisez-les avant d'accepter.",
    en: 'The terms of this payment plan have changed since they were shown: read them again before accepting.',
  },
  plan_option_unavailable: {
    fr: "Cet échéancier n'est pas (ou plus) proposé pour votre dossier : choisissez-en un autre ou proposez le vôtre.",
    en: 'This payment plan is not (or no longer) offered for your file: choose another one or propose your own.',
  },
  promise_amount_too_low: {
    fr: 'Ce montant est inférieur au minimum accepté : indiquez au moins le minimum, ou la totalité du solde.',
    en: 'This amount is below the accepted minimum: give at least the minimum, or the whole balance.',
  },
  promise_due_too_late: {
    fr: 'Cette date est trop lointaine : choisissez une date dans le délai indiqué.',
    en: 'This date is too far away: choose a date within the period shown.',
  },
  promise_already_pending: {
    fr: 'Une promesse de paiement est déjà en cours sur ce dossier : réglez-la ou contactez-nous pour la modifier.',
    en: 'A promise to pay is already pending on this file: pay it or contact us to change it.',
  },
  promise_plan_in_force: {
    fr: "Un échéancier est en cours sur ce dossier : réglez ses échéances plutôt qu'une promesse.",
    en: 'A payment plan is running on this file: pay its installments rather than a promise.',
  },
  invalid_schedule: {
    fr: "L'échéancier demandé est impossible (montant, acompte, nombre ou montant des échéances, dates) : corrigez-le.",
    en: 'The requested payment plan is impossible (amount, down payment, number or amount of installments, dates): correct it.',
  },
  plan_not_pending_approval: {
    fr: "Cet échéancier n'attend plus de décision d'un responsable.",
    en: 'This payment plan is no longer waiting for a manager’s decision.',
  },
  plan_not_awaiting_acceptance: {
    fr: "Cet échéancier ne peut pas être accepté : il n'est pas validé ou n'est plus proposé.",
    en: 'This payment plan cannot be accepted: it is not approved or no longer offered.',
  },
  document_type_not_allowed: {
    fr: 'Type de fichier refusé : seuls les PDF, images PNG ou JPEG et fichiers texte sont acceptés.',
    en: 'File type refused: only PDF, PNG or JPEG images and plain text files are accepted.',
  },
  document_too_large: { fr: 'Le fichier dépasse la taille maximale de 10 Mo.', en: 'The file exceeds the 10 MB maximum size.' },
  letter_wording_not_allowed: {
    fr: "Ce texte ne peut pas figurer dans les courriers : il annonce une étape que la stratégie ne prévoit pas, évoque un acte de justice, menace (poursuites pénales, fichier, publicité de la dette, contact de tiers), réclame des frais, ou est trop long. Le détail cite chaque expression.",
    en: 'This text cannot appear in letters: it announces a step the strategy does not plan, suggests a court document, threatens (penal consequences, a file, publicity of the debt, contacting third parties), claims fees, or is too long. The details quote each phrase.',
  },
  wording_proposal_not_pending: {
    fr: 'Cette proposition de textes a déjà été traitée (approuvée, refusée ou remplacée).',
    en: 'This wording proposal has already been dealt with (approved, refused or superseded).',
  },
  invalid_email: { fr: "L'adresse e-mail est invalide.", en: 'The e-mail address is invalid.' },
  message_not_resendable: {
    fr: "Ce message ne peut pas être renvoyé tant qu'il est en attente d'envoi.",
    en: 'This message cannot be sent again while it is waiting to be sent.',
  },
  dispute_already_open: { fr: 'Un litige est déjà ouvert sur ce dossier.', en: 'A dispute is already open on this case.' },
  dispute_not_open: { fr: "Ce litige n'est plus ouvert : il a déjà été résolu.", en: 'This dispute is no longer open: it was already resolved.' },
  dispute_open: {
    fr: 'Un litige est ouvert sur ce dossier : résolvez-le avant de changer le statut.',
    en: 'A dispute is open on this case: resolve it before changing the status.',
  },
  outcome_required: {
    fr: 'Indiquez l’issue : comment le dossier se termine pour le clore, ou ce qui a été fait (appel, note, promesse, échéancier, message, ou l’issue de la tentative) pour le marquer traité.',
    en: 'Give the outcome: how the case ends to close it, or what was done (a call, a note, a promise, a plan, a message, or the outcome of the attempt) to mark it worked.',
  },
  already_vulnerable: { fr: 'Ce débiteur est déjà signalé vulnérable.', en: 'This debtor is already flagged as vulnerable.' },
  not_vulnerable: { fr: "Ce débiteur n'est pas signalé vulnérable.", en: 'This debtor is not flagged as vulnerable.' },
  contact_exists: { fr: 'Ce contact est déjà enregistré pour ce débiteur.', en: 'This contact is already recorded for this debtor.' },
  agency_profile_missing: {
    fr: "Le profil de l'agence n'est pas encore renseigné : un administrateur doit le compléter.",
    en: "The agency profile is not filled in yet: an administrator must complete it.",
  },
  // --- Issue #13, items 6-9 (webhooks, login, card events, tokens) ---
  login_throttled: {
    fr: 'Trop de tentatives de connexion : réessayez dans quelques minutes.',
    en: 'Too many sign-in attempts: try again in a few minutes.',
  },
  login_challenge_invalid: {
    fr: 'Cette étape de connexion a expiré ou a déjà servi : saisissez à nouveau votre mot de passe.',
    en: 'This sign-in step has expired or was already used: enter your password again.',
  },
  totp_code_invalid: {
    fr: 'Code incorrect ou déjà utilisé. Saisissez le code affiché maintenant par votre application.',
    en: 'Wrong or already used code. Enter the code your app shows now.',
  },
  totp_already_enabled: {
    fr: 'La double authentification est déjà activée sur ce compte.',
    en: 'Two-factor authentication is already on for this account.',
  },
  totp_enrolment_missing: {
    fr: "Commencez par afficher le QR code d'activation.",
    en: 'Start by showing the activation QR code.',
  },
  totp_required_by_agency: {
    fr: "L'agence exige la double authentification pour le personnel : elle ne peut pas être désactivée.",
    en: 'The agency requires two-factor authentication for staff: it cannot be turned off.',
  },
  totp_enrol_first: {
    fr: "Activez d'abord la double authentification sur votre propre compte avant de l'exiger du personnel.",
    en: 'Turn on two-factor authentication on your own account before requiring it from staff.',
  },
  payment_anomaly_already_resolved: {
    fr: 'Cette anomalie de paiement a déjà été traitée.',
    en: 'This payment anomaly was already resolved.',
  },
  // Issue 13, uploads: workbooks bounded by what they really inflate to; logos decoded and re-encoded.
  xlsx_too_large: {
    fr: "Ce classeur Excel est bien plus volumineux une fois décompressé que ne l'est un export de factures : il n'a pas été lu. Enregistrez la feuille au format CSV (Fichier > Enregistrer sous > CSV), ou scindez le fichier, puis importez-le.",
    en: 'This Excel workbook is far larger once unpacked than an export of invoices: it was not read. Save the sheet as CSV (File > Save as > CSV), or split the file, then import it.',
  },
  // Issue #13, items 3-5 (money bounds, fuzzing): inputs the database or JavaScript numbers cannot hold.
  text_contains_nul: {
    fr: 'Un texte envoyé contient un caractère nul (\\u0000), qui n’est pas accepté : retirez-le.',
    en: 'A text sent contains a null character (\\u0000), which is not accepted: remove it.',
  },
  invalid_value: {
    fr: 'Une valeur envoyée n’a pas le format attendu (nombre, date, identifiant ou texte trop long).',
    en: 'A value sent does not have the expected format (number, date, identifier or text too long).',
  },
  value_out_of_range: {
    fr: 'Une valeur envoyée sort des limites acceptées (montant, date ou nombre trop grand ou trop petit).',
    en: 'A value sent is outside the accepted limits (amount, date or number too large or too small).',
  },
  reference_conflict: {
    fr: 'Cette opération cite un élément qui n’existe pas, ou retire un élément encore utilisé ailleurs.',
    en: 'This operation refers to something that does not exist, or removes something still used elsewhere.',
  },
  already_exists: { fr: 'Cet élément existe déjà.', en: 'This already exists.' },
  letter_preview_needs_details: {
    fr: 'Ce courrier montre un échéancier, un paiement ou un litige que ce dossier n’a pas : choisissez un dossier qui en a un pour l’aperçu.',
    en: 'This letter shows a payment plan, a payment or a dispute this case does not have: choose a case that has one for the preview.',
  },
  request_too_large: { fr: 'La requête est trop volumineuse.', en: 'The request is too large.' },
  unsupported_media_type: {
    fr: 'Le type de contenu envoyé n’est pas accepté ici (JSON attendu, ou multipart/form-data pour un fichier).',
    en: 'The content type sent is not accepted here (JSON expected, or multipart/form-data for a file).',
  },
  unknown_creditor: { fr: 'Ce créancier n’existe pas.', en: 'This creditor does not exist.' },
  payment_above_balance: {
    fr: 'Ce paiement dépasse le solde dû du dossier. S’il s’agit bien d’un trop-perçu à rembourser au payeur, enregistrez-le comme tel (trop-perçu).',
    en: 'This payment is higher than the balance due on the case. If it really is an overpayment to refund to the payer, record it as one (overpayment).',
  },
  internal_error: { fr: 'Une erreur interne est survenue. Réessayez plus tard.', en: 'An internal error occurred. Try again later.' },

  // Issue 13, items 12-14: viewer rule, vulnerability privacy, RGPD duties (i13-privacy).
  rgpd_request_already_decided: {
    fr: 'Cette demande a déjà été traitée : sa décision ne change plus.',
    en: 'This request has already been decided: its decision no longer changes.',
  },
  rgpd_decision_not_for_kind: {
    fr: "Cette décision ne répond pas à ce type de demande (accès : répondre ; rectification : rectifier ; effacement : effacer ; toutes : refuser).",
    en: 'This decision does not answer this kind of request (access: answer; rectification: rectify; erasure: erase; any: refuse).',
  },
  debtor_anonymised: {
    fr: 'Les données de ce débiteur ont été anonymisées : il ne reste rien à rectifier.',
    en: "This debtor's data has been anonymised: nothing is left to rectify.",
  },
  erasure_refused_claim_open: {
    fr: "Effacement refusé : la créance est en cours de recouvrement. L'agence a besoin de ces données pour recouvrer, sous le mandat du créancier, une créance due (RGPD art. 17(3)(e) et art. 6(1)(b) et (f)). La demande pourra être reprise à la clôture du dossier ; les données seront de toute façon anonymisées à l'issue de la durée de conservation.",
    en: "Erasure refused: the claim is being collected. The agency needs this data to collect a claim that is due, under the creditor's mandate (GDPR art. 17(3)(e) and art. 6(1)(b) and (f)). The request can be made again once the case is closed; the data will be anonymised anyway at the end of the retention period.",
  },
  // Issue 15, the legal gate (packages/domain legal-gate.ts): why the agency may not act on a case now.
  claim_prescribed: {
    fr: 'Toutes les créances de ce dossier sont prescrites : elles ne peuvent plus être réclamées (ni courrier, ni appel, ni échéancier).',
    en: 'Every claim of this case is time-barred: it may no longer be demanded (no letter, call or payment plan).',
  },
  nothing_due: { fr: 'Il ne reste rien à réclamer sur ce dossier.', en: 'Nothing is left to demand on this case.' },
  contact_refused_dispute: {
    fr: 'Un litige est ouvert sur ce dossier : aucun contact ni relance tant qu’il n’est pas résolu.',
    en: 'A dispute is open on this case: no contact or reminder until it is resolved.',
  },
  contact_refused_vulnerable: {
    fr: 'Le débiteur est signalé vulnérable : aucun contact tant qu’un responsable n’a pas levé le signalement.',
    en: 'The debtor is flagged vulnerable: no contact until a manager lifts the flag.',
  },
  mandate_not_started: { fr: 'Le mandat de ce créancier n’a pas encore pris effet : aucune action possible.', en: "This creditor's mandate has not started yet: no action is possible." },
  mandate_expired: { fr: 'Le mandat de ce créancier a expiré : tout contact avec ses débiteurs est suspendu (CPCE R124-3).', en: "This creditor's mandate has expired: all contact with its debtors is stopped (CPCE R124-3)." },
  mandate_revoked: { fr: 'Le mandat de ce créancier a été révoqué : tout contact avec ses débiteurs est suspendu.', en: "This creditor's mandate was revoked: all contact with its debtors is stopped." },
  mandate_excludes_judicial: { fr: 'Le mandat de ce créancier ne couvre pas les démarches judiciaires.', en: "This creditor's mandate does not cover judicial steps." },
  plan_in_force: {
    fr: 'Un échéancier est en cours ou attend le débiteur : il lui a été promis qu’aucune autre relance ne serait envoyée.',
    en: 'A payment plan is running or awaiting the debtor: the debtor was promised no other reminder.',
  },
  plan_already_open: { fr: 'Un échéancier est déjà en cours sur ce dossier.', en: 'A payment plan is already open on this case.' },
  promise_pending: { fr: 'Une promesse de paiement est en cours : attendez son échéance.', en: 'A promise to pay is pending: wait for its due date.' },
  legal_stage: { fr: 'Le dossier est en phase judiciaire : les relances automatiques sont suspendues.', en: 'The case is in the judicial phase: automatic reminders are paused.' },
  no_contact_point: { fr: 'Aucune coordonnée valide pour ce canal.', en: 'No valid contact details for this channel.' },
  contact_outside_hours: {
    fr: 'Hors des heures de contact (8 h-20 h) : l’envoi est reporté. Un responsable peut passer outre en motivant sa décision.',
    en: 'Outside contact hours (8 am-8 pm): sending is deferred. A manager may override with a written reason.',
  },
  contact_closed_day: {
    fr: 'Pas de contact le dimanche : l’envoi est reporté. Un responsable peut passer outre en motivant sa décision.',
    en: 'No contact on Sundays: sending is deferred. A manager may override with a written reason.',
  },
  contact_public_holiday: {
    fr: 'Jour férié : l’envoi est reporté. Un responsable peut passer outre en motivant sa décision.',
    en: 'Public holiday: sending is deferred. A manager may override with a written reason.',
  },
  contact_cap_reached: {
    fr: 'Nombre maximal de contacts sur 7 jours atteint pour ce débiteur : l’envoi est reporté. Un responsable peut passer outre en motivant sa décision.',
    en: 'Maximum number of contacts over 7 days reached for this debtor: sending is deferred. A manager may override with a written reason.',
  },
  override_reason_required: { fr: 'Indiquez le motif de la dérogation (5 caractères au moins).', en: 'Give the reason for the override (at least 5 characters).' },
  override_not_allowed: { fr: 'Seul un responsable peut déroger aux horaires ou au plafond de contacts.', en: 'Only a manager may override contact hours or the contact cap.' },
  claim_prescribed_at_intake: {
    fr: 'Une créance est déjà prescrite compte tenu de sa nature et de son échéance : elle n’est acceptée que signalée comme telle (prescribedAtIntake), et ne sera alors jamais réclamée.',
    en: 'A claim is already time-barred given its nature and due date: it is only accepted flagged as such (prescribedAtIntake), and is then never demanded.',
  },
  // Issue 16, the judicial phase (legal actions). The pre-checks' failure codes are the 422 of a refused proposal.
  legal_nothing_payable: { fr: 'Aucune créance n’est à la fois échue et non prescrite : rien ne peut être porté en justice.', en: 'No claim is both due and not time-barred: there is nothing to take to court.' },
  legal_mise_en_demeure_missing: { fr: 'Aucune mise en demeure n’a été envoyée : elle doit précéder toute démarche judiciaire.', en: 'No formal notice (mise en demeure) was sent: it must come before any judicial step.' },
  legal_mise_en_demeure_not_presented: { fr: 'La mise en demeure n’a pas encore été présentée au débiteur (preuve postale attendue).', en: 'The formal notice has not been presented to the debtor yet (postal proof awaited).' },
  legal_mise_en_demeure_too_recent: { fr: 'La mise en demeure a été présentée il y a moins du délai requis : attendez la date indiquée.', en: 'The formal notice was presented less than the required delay ago: wait for the date given.' },
  legal_amount_over_threshold: { fr: 'La procédure des petites créances est limitée à 5 000 €, principal et intérêts compris (CPCE R125-1).', en: 'The small-claims procedure is limited to €5,000, principal and interest included (CPCE R125-1).' },
  legal_address_missing: { fr: 'L’adresse du débiteur est inconnue : le tribunal et le commissaire de justice en dépendent.', en: "The debtor's address is unknown: the court and the commissaire de justice depend on it." },
  legal_title_missing: { fr: 'Aucun titre exécutoire : un commissaire de justice ne peut exécuter sans titre (CPCE L111-2).', en: 'No enforceable title: a commissaire de justice cannot enforce without one (CPCE L111-2).' },
  legal_prescription_imminent: { fr: 'Une créance sera prescrite dans moins de 90 jours : déposez avant cette date.', en: 'A claim becomes time-barred within 90 days: file before that date.' },
  legal_claims_excluded: { fr: 'Certaines créances sont exclues (prescrites ou non échues).', en: 'Some claims are left out (time-barred or not yet due).' },
  legal_court_to_choose: { fr: 'Aucun tribunal compétent trouvé pour l’adresse du débiteur : choisissez-le dans l’annuaire.', en: "No competent court found for the debtor's address: choose one from the directory." },
  legal_commissaire_to_choose: { fr: 'Aucun commissaire de justice enregistré pour le ressort du débiteur : choisissez-en un.', en: "No commissaire de justice on record for the debtor's district: choose one." },
  legal_action_open: { fr: 'Une procédure est déjà en cours sur ce dossier.', en: 'A legal action is already open on this case.' },
  legal_precheck_failed: { fr: 'Les vérifications préalables ne sont pas toutes satisfaites.', en: 'Not every pre-check is satisfied.' },
  legal_already_decided: { fr: 'Cette partie a déjà rendu sa décision sur cette procédure.', en: 'This party has already decided on this legal action.' },
  // Issue 19, exports of the case list and the payments (features/exports).
  export_period_invalid: { fr: 'La période est invalide : la date de début doit précéder la date de fin.', en: 'Invalid period: the start date must not be after the end date.' },
  // Issue 19, the agency consults the creditor about a dispute (features/consultations).
  consultation_already_answered: { fr: 'Cette consultation a déjà reçu une autre réponse.', en: 'This consultation already has a different answer.' },
  consultation_closed: { fr: 'Cette consultation est close : le litige a été résolu avant votre réponse.', en: 'This consultation is closed: the dispute was resolved before your answer.' },
  consultation_document_not_in_case: {
    fr: 'Un document joint n’appartient pas à ce dossier : déposez-le d’abord sur le dossier concerné.',
    en: 'An attached document does not belong to this case: upload it to this case first.',
  },
  // Issue 18, the debtor disputes and writes from their page (features/disputes/portal.ts, features/portal-messages).
  evidence_type_not_allowed: {
    fr: 'Type de fichier refusé : envoyez un PDF, une photo JPEG ou une image PNG.',
    en: 'File type refused: send a PDF, a JPEG photo or a PNG image.',
  },
  evidence_unreadable: {
    fr: "Ce fichier ne peut pas être lu (image ou PDF endommagé ou incomplet) : rien n'a été enregistré. Essayez avec un autre fichier.",
    en: 'This file cannot be read (a damaged or incomplete image or PDF): nothing was saved. Try another file.',
  },
  dispute_text_required: {
    fr: 'Expliquez en quelques mots pourquoi vous contestez.',
    en: 'Say in a few words why you dispute the debt.',
  },
  dispute_claim_unknown: {
    fr: 'Cette facture ne fait pas partie des sommes réclamées dans votre dossier.',
    en: 'This invoice is not one of the amounts claimed in your file.',
  },
  dispute_at_court_stage: {
    fr: 'Votre dossier fait l’objet d’une procédure judiciaire : une contestation se présente devant le juge. Écrivez-nous pour toute question.',
    en: 'Your file is the subject of court proceedings: a dispute is made before the judge. Write to us with any question.',
  },
  portal_case_closed: {
    fr: 'Ce dossier est clos : plus rien ne vous est réclamé à ce titre.',
    en: 'This file is closed: nothing more is asked of you on it.',
  },
  portal_message_invalid: {
    fr: 'Choisissez un sujet et écrivez votre message (4 000 caractères au plus).',
    en: 'Choose a subject and write your message (4,000 characters at most).',
  },
  form_invalid: {
    fr: 'Le formulaire envoyé est incomplet ou mal formé : rechargez la page et réessayez.',
    en: 'The form sent is incomplete or malformed: reload the page and try again.',
  },
  legal_not_awaiting_approval: { fr: 'Cette procédure n’attend plus d’approbation.', en: 'This legal action no longer awaits approval.' },
  legal_refusal_reason_required: { fr: 'Indiquez pourquoi vous refusez.', en: 'Say why you refuse.' },
  legal_event_not_allowed: { fr: 'Cet événement n’est pas possible à ce stade de la procédure.', en: 'This event is not possible at this stage of the action.' },
  legal_event_date_invalid: { fr: 'La date de l’événement est impossible (avant l’étape précédente ou dans le futur).', en: "The event's date is impossible (before the previous step or in the future)." },
  legal_event_detail_missing: { fr: 'Il manque une précision à cet événement (montant, acte ou date d’audience).', en: 'This event lacks a detail (amount, act or hearing date).' },
  legal_final_too_early: { fr: 'Le délai d’opposition d’un mois n’est pas écoulé (CPC 1416).', en: 'The one-month opposition period is not over (CPC 1416).' },
  commission_invoice_overpaid: { fr: 'Ce règlement dépasse ce que la facture doit encore.', en: 'This payment exceeds what the invoice still owes.' },
  refund_not_manual: { fr: 'Ce remboursement n’est pas à faire à la main (il part par virement avec le reversement, ou il est déjà fait).', en: 'This refund is not one to make by hand (it goes by transfer with the run, or it is already done).' },
  ledger_fees_exceed_held: { fr: 'Ce virement dépasse les honoraires acquis détenus sur le compte de tiers.', en: 'This transfer exceeds the earned fees held in the client-funds account.' },
  legal_court_wrong_kind: { fr: 'Ce tribunal n’est pas de la nature requise : tribunal des activités économiques ou de commerce entre professionnels, tribunal judiciaire sinon.', en: 'This court is not of the kind required: the commercial court between businesses, the tribunal judiciaire otherwise.' },
  legal_court_required: { fr: 'Choisissez le tribunal compétent avant de déposer.', en: 'Choose the competent court before filing.' },
  legal_commissaire_required: { fr: 'Choisissez le commissaire de justice avant la transmission.', en: 'Choose the commissaire de justice before the hand-over.' },
  legal_documents_not_ready: { fr: 'Les documents de cette procédure ne sont pas encore prêts (les deux approbations sont requises).', en: 'This legal action’s documents are not ready yet (both approvals are required).' },
  legal_commissaire_no_email: { fr: 'Ce commissaire de justice n’accepte pas les dossiers par e-mail : téléchargez le dossier et transmettez-le.', en: 'This commissaire de justice does not accept files by e-mail: download the dossier and hand it over.' },
  legal_cost_needs_title: { fr: 'Des frais ne peuvent être mis à la charge du débiteur qu’avec un titre exécutoire (CPCE L111-8).', en: 'Costs may be charged to the debtor only with an enforceable title (CPCE L111-8).' },
  escalation_through_legal_action: { fr: 'Le passage en contentieux se fait par une procédure proposée et approuvée (onglet Procédure).', en: 'A case goes to court through a proposed and approved legal action (Procedure tab).' },
  court_code_taken: { fr: 'Un tribunal porte déjà ce code dans l’annuaire.', en: 'A court with this code is already in the directory.' },

  // Issue 17, bank statements (camt.053) and reconciliation.
  bank_statement_invalid: {
    fr: 'Ce fichier n’est pas un relevé camt.053 lisible (XML mal formé, élément obligatoire absent, montants incohérents) : details.reason précise.',
    en: 'This file is not a readable camt.053 statement (malformed XML, a required element missing, inconsistent amounts): details.reason says which.',
  },
  bank_statement_unsupported_version: {
    fr: 'Cette version du relevé camt.053 n’est pas prise en charge (versions .001.02 à .001.08).',
    en: 'This camt.053 version is not supported (versions .001.02 to .001.08).',
  },
  bank_statement_unbalanced: {
    fr: 'Le relevé ne s’équilibre pas : solde d’ouverture + crédits − débits ne donne pas le solde de clôture. Rien n’a été importé.',
    en: 'The statement does not balance: opening balance + credits − debits is not the closing balance. Nothing was imported.',
  },
  bank_statement_wrong_account: {
    fr: 'Ce relevé est celui d’un autre compte que le compte de tiers de l’agence (CPCE R124-2).',
    en: 'This statement is for another account than the agency’s client-funds account (CPCE R124-2).',
  },
  bank_entry_already_matched: { fr: 'Cette écriture bancaire est déjà rapprochée d’un dossier.', en: 'This bank entry is already matched to a case.' },
  account_deactivated: {
    fr: 'Ce compte a été désactivé par un administrateur de l’agence.',
    en: 'This account has been deactivated by an agency administrator.',
  },
  cannot_change_own_account: {
    fr: 'Un administrateur ne peut ni désactiver son propre compte ni retirer son propre rôle d’administrateur.',
    en: 'An administrator cannot deactivate their own account or remove their own administrator role.',
  },
  not_staff_user: { fr: 'Ce compte n’est pas un compte de l’agence (utilisateur créancier).', en: 'This account is not an agency account (creditor user).' },
  agent_deactivated: { fr: 'Ce chargé de recouvrement est désactivé.', en: 'This collection agent is deactivated.' },
  bank_entry_not_matchable: {
    fr: 'Seul un crédit en attente (non rapproché) peut être rapproché d’un dossier.',
    en: 'Only a waiting (unmatched) credit can be matched to a case.',
  },
  bank_entry_not_matched: { fr: 'Cette écriture bancaire n’est rapprochée d’aucun dossier.', en: 'This bank entry is not matched to any case.' },
} as const satisfies Record<string, { fr: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;
export type Locale = 'fr' | 'en';

/** Row-level reasons of the CSV importer, reported with the file's line number. */
export const importRowReasons = {
  missing_value: { fr: 'Valeur obligatoire manquante', en: 'Required value missing' },
  invalid_amount: { fr: 'Montant invalide', en: 'Invalid amount' },
  non_positive_amount: { fr: 'Le montant doit être positif', en: 'The amount must be positive' },
  invalid_date: { fr: 'Date invalide (attendu JJ/MM/AAAA ou AAAA-MM-JJ)', en: 'Invalid date (expected DD/MM/YYYY or YYYY-MM-DD)' },
  due_before_issue: { fr: "L'échéance précède la date de facture", en: 'The due date is before the issue date' },
  not_yet_due: { fr: "La facture n'est pas encore échue", en: 'The invoice is not due yet' },
  invalid_debtor_type: { fr: 'Type de débiteur invalide (societe ou particulier)', en: 'Invalid debtor type (company or person)' },
  invalid_siren: { fr: 'SIREN invalide', en: 'Invalid SIREN' },
  invalid_email: { fr: 'Adresse e-mail invalide', en: 'Invalid email address' },
  invalid_phone: { fr: 'Numéro de téléphone invalide', en: 'Invalid phone number' },
  duplicate_in_file: { fr: 'Référence de facture en double dans le fichier', en: 'Invoice reference repeated in the file' },
  wrong_column_count: { fr: 'Nombre de colonnes incorrect', en: 'Wrong number of columns' },
  ref_belongs_to_other_debtor: { fr: 'Cette référence de facture appartient déjà à un autre débiteur', en: 'This invoice reference already belongs to another debtor' },
  invalid_siret: { fr: 'SIRET invalide', en: 'Invalid SIRET' },
  invalid_rate: { fr: 'Taux contractuel invalide', en: 'Invalid contractual rate' },
  credit_note_without_claim: { fr: "Avoir sans créance de ce débiteur à laquelle l'imputer", en: 'Credit note with no claim of this debtor to apply it to' },
  value_too_long: { fr: 'Valeur trop longue', en: 'Value too long' },
  invalid_nature: {
    fr: 'Nature de créance inconnue (commerciale, consommation, loyer d’habitation, crédit à la consommation, télécom ou civile)',
    en: 'Unknown claim nature (commercial, consumer, residential rent, consumer credit, telecom or civil)',
  },
  invalid_prescribed_flag: { fr: 'Valeur de « prescrite » invalide (oui ou non)', en: 'Invalid "prescribed" value (yes or no)' },
  prescribed_at_intake: {
    fr: 'Créance déjà prescrite compte tenu de sa nature et de son échéance : acceptée seulement avec la colonne « prescrite » à oui (elle ne sera jamais réclamée)',
    en: 'Claim already time-barred given its nature and due date: accepted only with the "prescribed" column set to yes (it will never be demanded)',
  },
} as const satisfies Record<string, { fr: string; en: string }>;

export type ImportRowReason = keyof typeof importRowReasons;

// Issue 13, uploads: why a logo was refused (details.reason of invalid_logo, and the message shown).
export const logoRefusalReasons = {
  empty: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  too_heavy: { fr: 'Le fichier dépasse 512 Ko.', en: 'The file is larger than 512 KB.' },
  not_an_image: { fr: "Ce fichier n'est pas une image.", en: 'This file is not an image.' },
  unsupported_format: { fr: 'Ce format d’image n’est pas accepté : PNG, JPEG, WebP ou SVG.', en: 'This image format is not accepted: PNG, JPEG, WebP or SVG.' },
  undecodable: { fr: "L'image est endommagée ou incomplète : elle ne peut pas être lue entièrement.", en: 'The image is damaged or incomplete: it cannot be read whole.' },
  too_large: { fr: "L'image dépasse 4000 × 4000 pixels : réduisez-la.", en: 'The image is larger than 4000 × 4000 pixels: scale it down.' },
  svg_dtd_not_allowed: { fr: 'Un SVG avec déclaration DOCTYPE ou ENTITY n’est pas accepté : enregistrez-le sans.', en: 'An SVG with a DOCTYPE or ENTITY declaration is not accepted: save it without one.' },
} as const satisfies Record<string, { fr: string; en: string }>;

export type LogoRefusalReason = keyof typeof logoRefusalReasons;

export function messageFor(code: string, locale: Locale): string {
  const entry = (errorMessages as Record<string, { fr: string; en: string }>)[code];
  return entry ? entry[locale] : errorMessages.internal_error[locale];
}
