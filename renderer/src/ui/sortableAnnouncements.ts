import type { Announcements, UniqueIdentifier } from '@dnd-kit/core';

/**
 * What a screen reader hears while a question is moved with the keyboard. dnd-kit's defaults
 * read out internal ids; positions are what the user sees.
 */
export function questionAnnouncements(position: (id: UniqueIdentifier | undefined) => number): Announcements {
  return {
    onDragStart: ({ active }) =>
      `Picked up question ${position(active.id)}. Move it with the arrow keys, drop it with Space, cancel with Escape.`,
    onDragOver: ({ active, over }) =>
      over ? `Question ${position(active.id)} is over position ${position(over.id)}.` : `Question ${position(active.id)} is not over a position.`,
    onDragEnd: ({ active, over }) =>
      over ? `Question ${position(active.id)} was dropped at position ${position(over.id)}.` : `Question ${position(active.id)} was dropped.`,
    onDragCancel: ({ active }) => `Moving question ${position(active.id)} was cancelled.`,
  };
}
