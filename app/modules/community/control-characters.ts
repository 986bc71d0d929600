/* eslint-disable no-control-regex -- finding control characters is this file's purpose */

/** C0 controls and DEL, except tab, newline and carriage return. */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Every C0 control, space and DEL: what browsers ignore or strip inside a URL. */
export const CONTROLS_AND_SPACES = /[\u0000-\u0020\u007f]/g;
/** What the URL parser trims from both ends of an href. */
export const EDGE_CONTROLS_AND_SPACES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

export function hasControlCharacter(text: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(text);
}
