/**
 * What redaction writes in place of what it removed, everywhere (recorder, worker, tests): a
 * reader of a replay or of the session list sees which kind of data was there, never the data.
 */

/** An e-mail address found in text, a URL path or an attribute. */
export const EMAIL_PLACEHOLDER = "[email]";
/** A phone number. */
export const PHONE_PLACEHOLDER = "[phone]";
/** A payment-card number (Luhn-checked). */
export const CARD_PLACEHOLDER = "[card]";
/** An international bank account number (IBAN, mod-97 checked). */
export const IBAN_PLACEHOLDER = "[iban]";
/** A US social security number. */
export const SSN_PLACEHOLDER = "[ssn]";
/** A token, API key or other secret-looking string. */
export const SECRET_PLACEHOLDER = "[secret]";
/**
 * A query or fragment value that is not allow-listed. A bare word, not bracketed like the others:
 * it needs no percent-encoding, so a URL reads the same in the replay, in the session list and
 * after a URL parser has touched it.
 */
export const URL_VALUE_PLACEHOLDER = "redacted";
/** The character masked text and form values are made of (rrweb's own). */
export const MASK_CHAR = "*";
/**
 * What every masked form value and masked attribute value becomes, whatever its length: a length
 * would tell "yes" from "no", or one option of a list from another.
 */
export const MASKED_VALUE = "********";
