// The due-reply banner listens for this event; a screen that changes a complaint fires it so the
// banner re-checks at once instead of at its next poll.
export const complaintsChangedEvent = 'complaints-changed';

/** Screens that change a complaint call this so the banner re-checks at once. */
export const complaintsChanged = (): void => void window.dispatchEvent(new Event(complaintsChangedEvent));
