/** The last heartbeat of each kiosk (owned by the fleet feature). */
export interface FleetTables {
  kiosk_heartbeats: {
    kiosk_id: string;
    received_at: string;
    sent_at: string;
    version: string;
    queue_depth: number;
    oldest_pending_at: string | null;
    last_sync_at: string | null;
    /** DeviceHealth as JSON (printer, token reader, scanner). */
    devices_json: string;
    free_disk_bytes: number | null;
    /** The place the kiosk names on its papers (migration 0008); null from older kiosks. */
    place: string | null;
  };
}
