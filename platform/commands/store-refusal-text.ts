import type { StoreRefusal } from '../storage/platform-store';

/** The store's refusals in French, for the command line. */
export function storeRefusalText(refusal: StoreRefusal): string {
  switch (refusal.code) {
    case 'centreNameMismatch': return `le centre ${refusal.centreId} est déjà enregistré sous le nom « ${refusal.storedName} » : donnez ce nom-là`;
    case 'centreMissing': return `centre inconnu : ${refusal.centreId}`;
    case 'certificateExists': return `un certificat de numéro de série ${refusal.serialHex} est déjà enregistré`;
    case 'unknownCertificate': return `aucun certificat émis par cette autorité n’a le numéro de série ${refusal.serialHex}`;
    case 'alreadyRevoked': return `le certificat ${refusal.serialHex} est déjà révoqué (depuis le ${refusal.revokedAt})`;
    case 'packageExists': return `le paquet ${refusal.packageId} version ${refusal.version} est déjà publié`;
    case 'duplicateCandidate': return `le candidat ${refusal.candidateId} figure deux fois`;
    case 'verificationCodeTaken': return `code(s) de vérification déjà attribué(s) : ${refusal.verificationCodes.join(', ')}`;
    case 'unknownResult': return `aucun résultat reçu ne porte le code de vérification ${refusal.verificationCode}`;
    case 'notHeldForReview': return `le résultat ${refusal.verificationCode} n’attend pas de revue : ${
      refusal.why === 'published' ? 'il est déjà publié' : refusal.why === 'notValidated' ? 'il n’est pas validé (R-PUB-1 : seul un résultat validé se publie)' : `une décision est déjà prise (${refusal.decision === 'published' ? 'publié' : 'rejeté'})`}`;
  }
}
