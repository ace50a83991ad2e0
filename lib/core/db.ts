import "server-only";
import { createPrismaClient, type AppPrismaClient } from "@/lib/core/db/create-client";
import { databaseUrl } from "@/lib/core/env";

// One client per server process; `next dev` reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: AppPrismaClient };

export const db: AppPrismaClient = (globalForPrisma.prisma ??= createPrismaClient(databaseUrl()));
