// The ringing banner on every screen. On the Calls screen F2 answers (CallScreen); elsewhere the
// banner's button and F2 take the agent to the Calls screen and answer there.
import { useNavigation } from '../../lib/navigation';
import { useShortcuts } from '../../lib/shortcuts';
import { RingingBanner } from './RingingBanner';
import { usePhoneValue } from '../../lib/phone';

export const CALLS_SCREEN = 'calls';

export function PhoneBanner({ current }: { current: string }) {
  const { navigate } = useNavigation();
  const ringing = usePhoneValue((p) => (p?.ringing.length ?? 0) > 0);
  const answerHere = current === CALLS_SCREEN;
  const answer = () => {
    if (answerHere) window.dispatchEvent(new CustomEvent('phone:answer'));
    else navigate(CALLS_SCREEN, { kind: 'phone.answer' });
  };
  // on the Calls screen its own F2 answers; elsewhere F2 goes there first
  useShortcuts(answerHere || !ringing ? {} : { newCall: answer });
  return <RingingBanner onAnswer={answer} />;
}
