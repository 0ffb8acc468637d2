import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mediaAccessProblem } from '../../shared/domain/mediaAccess';
import { askMediaAccess } from './mediaAccess';

// macOS camera/microphone access with systemPreferences mocked: asked when undecided, a "no"
// explained with where to change it; other systems are not asked.

const status: Record<string, string> = {};
const answers: Record<string, boolean> = {};
const asked: string[] = [];

vi.mock('electron', () => ({
  systemPreferences: {
    getMediaAccessStatus: (type: string) => status[type],
    askForMediaAccess: async (type: string) => {
      asked.push(type);
      return answers[type];
    },
  },
}));

beforeEach(() => {
  asked.length = 0;
});

describe('media access', () => {
  it('is granted without asking off macOS', async () => {
    Object.assign(status, { camera: 'denied', microphone: 'denied' });
    for (const platform of ['linux', 'win32'] as const) {
      expect(await askMediaAccess(platform)).toEqual({ camera: 'granted', microphone: 'granted', settingsHint: null });
    }
    expect(asked).toEqual([]);
  });

  it.each([
    // [camera status, mic status, camera answer, mic answer, expected camera, expected mic, asked]
    ['granted', 'granted', true, true, 'granted', 'granted', []],
    ['not-determined', 'not-determined', true, true, 'granted', 'granted', ['camera', 'microphone']],
    ['not-determined', 'granted', false, true, 'denied', 'granted', ['camera']],
    ['denied', 'granted', true, true, 'denied', 'granted', []],
    ['restricted', 'restricted', true, true, 'restricted', 'restricted', []],
    ['unknown', 'unknown', true, true, 'granted', 'granted', []],
  ])('macOS camera %s, microphone %s', async (cam, mic, camAnswer, micAnswer, camera, microphone, expectedAsks) => {
    Object.assign(status, { camera: cam, microphone: mic });
    Object.assign(answers, { camera: camAnswer, microphone: micAnswer });
    const access = await askMediaAccess('darwin');
    expect(access).toMatchObject({ camera, microphone });
    expect(asked).toEqual(expectedAsks);
    const problem = mediaAccessProblem(access);
    if (camera === 'granted' && microphone === 'granted') expect(problem).toBeNull();
    else if (camera === 'restricted') expect(problem).toContain('administrator');
    else expect(problem).toMatch(/not allowed to use the camera\. Open System Settings › Privacy & Security/);
  });
});
