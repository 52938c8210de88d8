import type { FastifyInstance, FastifyTypeProviderDefault } from 'fastify';
import { z } from 'zod';
import { PortalErrorSchema } from '../../src-shared/portal-api.js';
import type { ApplicationFullView } from '../../src-shared/portal-applications-api.js';
import { KIOSK_ID_HEADER } from '../../src-shared/portal-officer-api.js';
import type { PortalContext } from '../context.js';
import { fullView, requireApplication } from '../applications/records.js';
import { parseCodeParam } from '../applications/routes.js';
import { actingOfficer, type ActingOfficer } from './acting-officer.js';

export const officerErrors = { 400: PortalErrorSchema, 401: PortalErrorSchema, 403: PortalErrorSchema, 404: PortalErrorSchema };
export const officerActionErrors = { ...officerErrors, 409: PortalErrorSchema };
export const CodeParams = z.object({ code: z.string().max(100) });
/** Documents the optional kiosk header; its real check (UNKNOWN_KIOSK) is in actingOfficer. */
export const KioskHeader = z.looseObject({ [KIOSK_ID_HEADER]: z.string().optional().describe('Mã kiosk cán bộ đang thao tác (nếu có), ghi vào nhật ký.') });

export interface OfficerAction<Body extends z.ZodType, Out extends z.ZodType> {
  /** The last part of `/api/v1/officer/applications/:code/…`. */
  path: string;
  summary: string;
  body: Body;
  response: Out;
  extraErrors?: Record<number, typeof PortalErrorSchema>;
  run: (who: ActingOfficer, code: string, body: z.output<Body>) => Promise<z.input<Out>>;
}

/**
 * An officer's action on one application: every one is a POST on the
 * application's code, by the signed-in officer of its agency, through a known
 * kiosk, so the route, its documentation and who may call it are written once.
 */
export function postOfficerAction<Body extends z.ZodType, Out extends z.ZodType>(app: FastifyInstance, ctx: PortalContext, action: OfficerAction<Body, Out>): void {
  // Fastify's types cannot carry a schema that is itself a type parameter through
  // to the handler; OfficerAction's signature holds the types, and the
  // validator has parsed the body with action.body before run sees it.
  app.withTypeProvider<FastifyTypeProviderDefault>().post<{ Params: z.output<typeof CodeParams> }>(
    `/api/v1/officer/applications/:code/${action.path}`,
    {
      schema: {
        summary: action.summary,
        tags: ['officer'],
        security: [{ bearer: [] }],
        headers: KioskHeader,
        params: CodeParams,
        body: action.body,
        response: { 200: action.response, ...officerActionErrors, ...action.extraErrors },
      },
    },
    async (req) => action.run(await actingOfficer(ctx, req), parseCodeParam(req.params.code), req.body as z.output<Body>),
  );
}

/** The application as it stands after an action, as the officer's screen shows it. */
export async function currentView(ctx: PortalContext, code: string): Promise<ApplicationFullView> {
  return fullView(ctx.db, await requireApplication(ctx.db, code));
}
