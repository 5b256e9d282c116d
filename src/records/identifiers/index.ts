/**
 * Finders for the structured identifiers: e-mail, IP address, phone, National Insurance number,
 * payment card, bank account (sort code, account number, IBAN), identity documents, vehicle
 * registration, postcode and date of birth. Each is a pure function from text to candidates; the
 * finders of one family share a file.
 *
 * The rule throughout: find anything that the text presents as personal data, and use
 * validation only to normalise the value and grade confidence. A drama-range phone number, a
 * never-issued NI prefix, a card that fails Luhn or a partial registration is still found.
 */
export { findEmails, findIps, findPhones, ukPhoneConfidence } from './contact.ts';
export { findIdDocuments, findNiNumbers } from './documents.ts';
export { findBankAccounts, findCards, luhn } from './financial.ts';
export { findVehicleRegs, normaliseReg } from './vehicles.ts';
export { findPostcodes } from './postcodes.ts';
export { DATE_RE, findDatesOfBirth, normaliseDate } from './dates.ts';
