// API methods for what the user adds by hand: screenshots (captured on the host or chosen as image
// files) and attachments from the host's file system, which the browser cannot reach on its own.
import { z } from 'zod';
import { method } from './define.js';

const hostPath = z.string().min(1).max(4096);

export interface ScreenSource {
  id: string;
  name: string;
  kind: 'screen' | 'window';
}

export interface ScreenSources {
  /** False when this host cannot take screenshots (no display, no capture tool); `reason` says why. */
  available: boolean;
  reason?: string;
  sources: ScreenSource[];
}

export interface Capture {
  /** PNG, base64. Nothing is stored until the user adds it (after blacking out regions). */
  png: string;
  width: number;
  height: number;
}

export interface DraftFile {
  id: string;
  /** `screenshot` goes to screenshots/ in the bundle, `attachment` to attachments/. */
  kind: 'screenshot' | 'attachment';
  name: string;
  size: number;
  /** For an attachment: the file on the host it refers to (read when the bundle is built). */
  source?: string;
  addedAt: string;
}

export interface DirListing {
  path: string;
  parent?: string;
  entries: Array<{ name: string; path: string; type: 'dir' | 'file'; size?: number }>;
  /** The folders the user may browse and pick from (settings `ui.allowedPaths`). */
  roots: string[];
}

/** Largest image accepted from the UI (base64 of a 4K screenshot is ~10 MB). */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

export const mediaMethods = {
  screenSources: method(
    z.strictObject({}),
    'Screens and windows that can be captured on this host.',
  ).returns<ScreenSources>(),
  captureScreen: method(
    z.strictObject({ sourceId: z.string().min(1).max(200) }),
    'Capture one screen or window; returns the image for preview, stores nothing.',
  ).returns<Capture>(),
  addScreenshot: method(
    z.strictObject({
      name: z.string().min(1).max(200),
      /** PNG or JPEG, base64, with any regions already blacked out by the user. */
      base64: z
        .string()
        .min(1)
        .max(Math.ceil(MAX_IMAGE_BYTES / 3) * 4),
    }),
    'Add an image (a capture or a file) to the case.',
  ).returns<DraftFile>(),
  addAttachment: method(
    z.strictObject({ path: hostPath }),
    'Add a file on the host to the case (checked against the allowed folders).',
  ).returns<DraftFile>(),
  draftFiles: method(z.strictObject({}), 'Screenshots and attachments added so far.').returns<
    DraftFile[]
  >(),
  removeDraftFile: method(
    z.strictObject({ id: z.string().min(1).max(100) }),
    'Remove a screenshot or attachment from the case.',
  ).returns<DraftFile[]>(),
  readDraftImage: method(
    z.strictObject({ id: z.string().min(1).max(100) }),
    'A screenshot added to the case, for its thumbnail.',
  ).returns<{ mime: string; base64: string }>(),
  browse: method(
    z.strictObject({ path: hostPath.optional(), dirsOnly: z.boolean().default(false) }),
    'List a folder on the host within the allowed folders (to pick an export folder or a file).',
  ).returns<DirListing>(),
};
