/**
 * Text from vendors and users, made safe to print on a terminal (DESIGN.md
 * "Input that reaches a URL"): C0 controls, DEL and C1 controls are replaced,
 * so a room name cannot clear the screen, set the window title (ESC ] 0;…BEL)
 * or hide text with a carriage return. C0 controls become their visible
 * Control Pictures (ESC → ␛, BEL → ␇); DEL and C1 (0x80–0x9F, e.g. the
 * one-byte CSI 0x9B) become U+FFFD. Newline and tab stay: they only lay text out.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : '\ufffd';
  });
}
