/**
 * What replaces erased personal data, in the database, the exports and the search index: one
 * spelling in every language, so it can be recognised; the UI shows it in the reader's language.
 */
export const ERASED = '[erased]';
