/**
 * Watchers converts a room's `sourceUrl` to an embeddable player URL for
 * YouTube, Twitch, Kick, Facebook and Vimeo (docs.watchers.io room-api). The
 * exact URLs it produces are not published; these are each platform's public
 * embed forms (emulator convention). Anything else has no `embedUrl`.
 */
export function toEmbedUrl(sourceUrl: string | null): string | null {
  if (!sourceUrl) return null;
  let url: URL;
  try {
    url = new URL(sourceUrl);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^www\.|^m\./, '');
  const firstSegment = url.pathname.split('/').filter(Boolean)[0];
  if (host === 'youtube.com') {
    const id =
      url.searchParams.get('v') ?? (firstSegment === 'live' ? url.pathname.split('/')[2] : undefined);
    return id ? `https://www.youtube.com/embed/${id}` : null;
  }
  if (host === 'youtu.be' && firstSegment) return `https://www.youtube.com/embed/${firstSegment}`;
  if (host === 'twitch.tv' && firstSegment)
    return `https://player.twitch.tv/?channel=${firstSegment}&parent=watchers.io`;
  if (host === 'kick.com' && firstSegment) return `https://player.kick.com/${firstSegment}`;
  if (host === 'vimeo.com' && firstSegment) return `https://player.vimeo.com/video/${firstSegment}`;
  if (host === 'facebook.com')
    return `https://www.facebook.com/plugins/video.php?href=${encodeURIComponent(sourceUrl)}`;
  return null;
}
