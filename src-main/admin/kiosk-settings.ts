import { KioskSettingsSchema, PortalUrlSchema, type KioskSettings } from '../../src-shared/kiosk-contract/admin.js';
import type { KioskConfig } from '../config.js';
import type { Settings } from '../store/store.js';

const SETTINGS_KEY = 'admin.settings';
const PORTAL_URL_KEY = 'admin.portalUrl';

/** The config file's values of the settings "Quản trị kiosk" may change: the defaults under what staff saved. */
export function settingsFromConfig(config: KioskConfig): KioskSettings {
  return {
    mode: config.mode,
    visitIdleSeconds: config.visitIdleSeconds,
    printerQueue: config.printerQueue,
    receiptLayout: config.receiptLayout,
    language: config.language,
    retentionDays: Math.round(config.retentionDays),
    logLevel: 'info',
    counter: config.counter,
  };
}

function parsedJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The settings in force: the config's defaults, with what staff saved in the
 * kiosk store on top. A stored value that no longer passes the schema (an
 * older version wrote it) is ignored key by key, so one bad value does not
 * cost the others.
 */
export class KioskSettingsStore {
  private settings: KioskSettings;
  private portal: string | null;

  constructor(
    private readonly store: Settings,
    defaults: KioskSettings,
    defaultPortalUrl: string | null,
  ) {
    this.settings = { ...defaults, ...this.storedValid() };
    const storedUrl = PortalUrlSchema.safeParse(store.get(PORTAL_URL_KEY));
    this.portal = storedUrl.success ? storedUrl.data : defaultPortalUrl;
  }

  current(): KioskSettings {
    return this.settings;
  }

  save(next: KioskSettings): KioskSettings {
    this.settings = KioskSettingsSchema.parse(next);
    this.store.set(SETTINGS_KEY, JSON.stringify(this.settings));
    return this.settings;
  }

  /** The portal the kiosk talks to: the one staff set, else the configured one. */
  portalUrl(): string | null {
    return this.portal;
  }

  savePortalUrl(url: string): void {
    this.portal = PortalUrlSchema.parse(url);
    this.store.set(PORTAL_URL_KEY, this.portal);
  }

  private storedValid(): Partial<KioskSettings> {
    const stored = parsedJson(this.store.get(SETTINGS_KEY));
    if (typeof stored !== 'object' || stored === null) return {};
    const shape = KioskSettingsSchema.shape;
    const valid: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stored)) {
      if (!Object.hasOwn(shape, key)) continue;
      const field = shape[key as keyof typeof shape].safeParse(value);
      if (field.success) valid[key] = field.data;
    }
    return valid as Partial<KioskSettings>;
  }
}

/**
 * The configuration as modules read it, with the admin settings read live:
 * a saved change applies at the next call, no restart (the renderer picks up
 * mode and language at its next start of a visit).
 */
export function liveConfig(config: KioskConfig, settings: KioskSettingsStore): KioskConfig {
  const live: KioskConfig = { ...config };
  const getter = <K extends keyof KioskConfig>(read: () => KioskConfig[K]): PropertyDescriptor => ({ get: read, enumerable: true });
  Object.defineProperties(live, {
    mode: getter<'mode'>(() => settings.current().mode),
    language: getter<'language'>(() => settings.current().language),
    visitIdleSeconds: getter<'visitIdleSeconds'>(() => settings.current().visitIdleSeconds),
    retentionDays: getter<'retentionDays'>(() => settings.current().retentionDays),
    printerQueue: getter<'printerQueue'>(() => settings.current().printerQueue),
    receiptLayout: getter<'receiptLayout'>(() => settings.current().receiptLayout),
    counter: getter<'counter'>(() => settings.current().counter),
    portalUrl: getter<'portalUrl'>(() => settings.portalUrl()),
  });
  return live;
}
