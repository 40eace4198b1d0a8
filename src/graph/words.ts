/** The gateway's words for Atlas': the Admin API calls a project a group (in paths, codes and details). */
export function inProjectWords(text: string): string {
  return text.replace(/\bgroup(s?)\b/g, 'project$1').replace(/\bGroup(s?)\b/g, 'Project$1');
}
