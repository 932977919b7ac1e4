/**
 * Room ids for a person: a bulk plan may hold a thousand rooms, and a prompt
 * that lists them all is unreadable (and past Slack's and Discord's text
 * limits). The first few, then how many more.
 */
export const LISTED_ROOMS = 10;

export function roomList(rooms: readonly string[], listed = LISTED_ROOMS): string {
  if (rooms.length <= listed) return rooms.join(', ');
  return `${rooms.slice(0, listed).join(', ')} … and ${rooms.length - listed} more`;
}
