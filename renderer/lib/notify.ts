// Desktop notifications through the web Notification API: the same code works in Electron's
// renderer (the shell must allow the "notifications" permission) and in Chromium (browser mode).
// Returns whether a notification was shown; the in-app banner is the reminder that always works.
export async function notify(title: string, body: string): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  try {
    if (Notification.permission === 'default') await Notification.requestPermission();
    if (Notification.permission !== 'granted') return false;
    new Notification(title, { body });
    return true;
  } catch {
    return false;
  }
}
