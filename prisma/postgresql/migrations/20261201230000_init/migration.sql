-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitType" AS ENUM ('PARTY_DEPARTMENT', 'GOVERNMENT_DEPARTMENT', 'PEOPLES_ORGANISATION', 'STATE_OWNED_GROUP', 'CENTRAL_UNIT', 'MILITARY', 'DISTRICT_GOVERNMENT');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'LIAISON', 'LEADER', 'AUDITOR', 'USER_ADMIN');

-- CreateEnum
CREATE TYPE "PrivilegedRequestKind" AS ENUM ('CREATE_ACCOUNT', 'GRANT_ROLE', 'RESET_PASSWORD');

-- CreateEnum
CREATE TYPE "PrivilegedRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AuditResult" AS ENUM ('SUCCESS', 'FAILURE', 'DENIED');

-- CreateEnum
CREATE TYPE "PlanKind" AS ENUM ('MASTER', 'ANNUAL', 'DISTRICT');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ENDED');

-- CreateEnum
CREATE TYPE "PlanItemKind" AS ENUM ('PART', 'SECTION', 'MEASURE', 'SAFEGUARD', 'WORK_ITEM', 'COLUMN');

-- CreateEnum
CREATE TYPE "ReportingCycle" AS ENUM ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'ANNUAL');

-- CreateEnum
CREATE TYPE "AssignmentRole" AS ENUM ('LEAD', 'SUPPORT');

-- CreateEnum
CREATE TYPE "PlanItemLinkType" AS ENUM ('SERVES', 'CARRIED_OVER');

-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReportState" AS ENUM ('OWED', 'DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED');

-- CreateEnum
CREATE TYPE "ProgressStatus" AS ENUM ('NOT_STARTED', 'ON_TRACK', 'BEHIND', 'COMPLETED', 'BLOCKED');

-- CreateEnum
CREATE TYPE "ReportEventType" AS ENUM ('ENTERED_ON_BEHALF', 'SUBMITTED', 'RESUBMITTED', 'RETURNED', 'APPROVED', 'REMINDED', 'URGED', 'SUPERVISED');

-- CreateEnum
CREATE TYPE "ChaseLevel" AS ENUM ('REMIND', 'URGE', 'SUPERVISE');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "type" "UnitType" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "deactivatedAt" TIMESTAMP(3),
    "mergedIntoId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitName" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3),
    "validTo" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unitId" INTEGER,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT true,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "blockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "PrivilegedRequest" (
    "id" SERIAL NOT NULL,
    "kind" "PrivilegedRequestKind" NOT NULL,
    "targetUserId" INTEGER,
    "payload" TEXT NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "PrivilegedRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PrivilegedRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "actorId" INTEGER,
    "actorUsername" TEXT,
    "actorRole" TEXT,
    "actorUnitId" INTEGER,
    "actorUnitName" TEXT,
    "action" TEXT NOT NULL,
    "objectType" TEXT,
    "objectId" TEXT,
    "result" "AuditResult" NOT NULL,
    "reason" TEXT,
    "details" TEXT,
    "ip" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "keyId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "PlanKind" NOT NULL,
    "title" TEXT NOT NULL,
    "shortTitle" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "documentNumber" TEXT,
    "signedOn" TIMESTAMP(3),
    "publishedOn" TIMESTAMP(3),
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "preamble" TEXT,
    "source" TEXT,
    "parentPlanId" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "status" "PlanStatus" NOT NULL DEFAULT 'PUBLISHED',
    "isCurrent" BOOLEAN NOT NULL DEFAULT false,
    "districtId" INTEGER,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanVersion" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snapshot" TEXT NOT NULL,

    CONSTRAINT "PlanVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanImport" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "parsed" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "PlanImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanItem" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "kind" "PlanItemKind" NOT NULL,
    "key" TEXT,
    "number" TEXT,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "taskStatement" TEXT,
    "fullText" TEXT NOT NULL DEFAULT '',
    "phaseId" INTEGER,
    "startDate" TIMESTAMP(3),
    "dueDate" TIMESTAMP(3),
    "reportingCycle" "ReportingCycle",
    "sourceNote" TEXT,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT,
    "printedName" TEXT,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanItemLink" (
    "id" SERIAL NOT NULL,
    "fromItemId" INTEGER NOT NULL,
    "toItemId" INTEGER NOT NULL,
    "type" "PlanItemLinkType" NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "PlanItemLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanItemRevision" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorUsername" TEXT,
    "actorName" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" TEXT,
    "after" TEXT NOT NULL,

    CONSTRAINT "PlanItemRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetPopulation" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sectionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "TargetPopulation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyProject" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sectionId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "KeyProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanGoal" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "indicatorId" INTEGER,
    "targetValue" DOUBLE PRECISION,
    "comparator" TEXT,

    CONSTRAINT "PlanGoal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanPhase" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startYear" INTEGER NOT NULL,
    "endYear" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "PlanPhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" "IndicatorDirection" NOT NULL,
    "planId" INTEGER,
    "baselineYear" INTEGER,
    "baselineValue" DOUBLE PRECISION,
    "baselineText" TEXT,
    "baselineSource" TEXT,
    "description" TEXT,
    "itemId" INTEGER,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "comparator" TEXT NOT NULL DEFAULT 'GTE',
    "planId" INTEGER,
    "text" TEXT,

    CONSTRAINT "IndicatorTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "districtId" INTEGER,
    "value" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "enteredById" INTEGER,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorRevision" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorUsername" TEXT,
    "actorName" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "before" TEXT,
    "after" TEXT NOT NULL,

    CONSTRAINT "IndicatorRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportingRound" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'OPEN',
    "openedById" INTEGER,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ReportingRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundItem" (
    "roundId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "RoundItem_pkey" PRIMARY KEY ("roundId","itemId")
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" "AssignmentRole" NOT NULL,
    "state" "ReportState" NOT NULL DEFAULT 'OWED',
    "status" "ProgressStatus",
    "completion" INTEGER,
    "workDone" TEXT NOT NULL DEFAULT '',
    "problems" TEXT NOT NULL DEFAULT '',
    "nextSteps" TEXT NOT NULL DEFAULT '',
    "eventsHeld" INTEGER,
    "peopleReached" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "submissionKey" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "enteredById" INTEGER,
    "enteredByName" TEXT,
    "enteredAt" TIMESTAMP(3),
    "enteredImportId" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgressReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportImport" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "mode" TEXT,
    "result" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "ReportImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportOutput" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ReportOutput_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "uploadedById" INTEGER,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportEvent" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER,
    "roundId" INTEGER NOT NULL,
    "itemId" INTEGER,
    "unitId" INTEGER NOT NULL,
    "type" "ReportEventType" NOT NULL,
    "comment" TEXT,
    "actorId" INTEGER,
    "actorName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Chase" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "level" "ChaseLevel" NOT NULL,
    "message" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Chase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboxMessage" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "params" TEXT,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "emailStatus" "MailStatus",
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    "emailedAt" TIMESTAMP(3),
    "emailError" TEXT,

    CONSTRAINT "InboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentStamp" (
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContentStamp_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "UnitName_unitId_idx" ON "UnitName"("unitId");

-- CreateIndex
CREATE INDEX "UnitName_name_idx" ON "UnitName"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE INDEX "Session_userId_endedAt_idx" ON "Session"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "PrivilegedRequest_status_requestedAt_idx" ON "PrivilegedRequest"("status", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "AuditEvent"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUsername_idx" ON "AuditEvent"("actorUsername");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE INDEX "AuditEvent_objectType_objectId_idx" ON "AuditEvent"("objectType", "objectId");

-- CreateIndex
CREATE INDEX "AuditEvent_objectId_idx" ON "AuditEvent"("objectId");

-- CreateIndex
CREATE INDEX "AuditEvent_result_idx" ON "AuditEvent"("result");

-- CreateIndex
CREATE INDEX "AuditEvent_objectType_idx" ON "AuditEvent"("objectType");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_code_key" ON "Plan"("code");

-- CreateIndex
CREATE INDEX "Plan_districtId_idx" ON "Plan"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanVersion_planId_version_key" ON "PlanVersion"("planId", "version");

-- CreateIndex
CREATE INDEX "PlanImport_createdById_status_idx" ON "PlanImport"("createdById", "status");

-- CreateIndex
CREATE INDEX "PlanItem_planId_parentId_idx" ON "PlanItem"("planId", "parentId");

-- CreateIndex
CREATE INDEX "PlanItem_parentId_idx" ON "PlanItem"("parentId");

-- CreateIndex
CREATE INDEX "PlanItem_kind_idx" ON "PlanItem"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "PlanItem_planId_key_key" ON "PlanItem"("planId", "key");

-- CreateIndex
CREATE INDEX "Assignment_unitId_idx" ON "Assignment"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_itemId_unitId_key" ON "Assignment"("itemId", "unitId");

-- CreateIndex
CREATE INDEX "PlanItemLink_toItemId_idx" ON "PlanItemLink"("toItemId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanItemLink_fromItemId_toItemId_type_key" ON "PlanItemLink"("fromItemId", "toItemId", "type");

-- CreateIndex
CREATE INDEX "PlanItemRevision_itemId_version_idx" ON "PlanItemRevision"("itemId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "TargetPopulation_code_key" ON "TargetPopulation"("code");

-- CreateIndex
CREATE UNIQUE INDEX "TargetPopulation_sectionId_key" ON "TargetPopulation"("sectionId");

-- CreateIndex
CREATE UNIQUE INDEX "KeyProject_code_key" ON "KeyProject"("code");

-- CreateIndex
CREATE UNIQUE INDEX "KeyProject_sectionId_key" ON "KeyProject"("sectionId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanGoal_planId_year_key" ON "PlanGoal"("planId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "PlanPhase_planId_position_key" ON "PlanPhase"("planId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_code_key" ON "Indicator"("code");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorTarget_indicatorId_year_key" ON "IndicatorTarget"("indicatorId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorValue_indicatorId_year_districtId_key" ON "IndicatorValue"("indicatorId", "year", "districtId");

-- CreateIndex
CREATE INDEX "ReportingRound_deadline_idx" ON "ReportingRound"("deadline");

-- CreateIndex
CREATE INDEX "ProgressReport_unitId_state_idx" ON "ProgressReport"("unitId", "state");

-- CreateIndex
CREATE INDEX "ProgressReport_state_submittedAt_idx" ON "ProgressReport"("state", "submittedAt");

-- CreateIndex
CREATE INDEX "ProgressReport_state_itemId_unitId_roundId_status_completio_idx" ON "ProgressReport"("state", "itemId", "unitId", "roundId", "status", "completion");

-- CreateIndex
CREATE INDEX "ProgressReport_roundId_unitId_state_status_submittedAt_idx" ON "ProgressReport"("roundId", "unitId", "state", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "ProgressReport_roundId_state_status_submittedAt_idx" ON "ProgressReport"("roundId", "state", "status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressReport_roundId_itemId_unitId_key" ON "ProgressReport"("roundId", "itemId", "unitId");

-- CreateIndex
CREATE INDEX "ReportImport_createdById_status_idx" ON "ReportImport"("createdById", "status");

-- CreateIndex
CREATE INDEX "ReportImport_roundId_unitId_idx" ON "ReportImport"("roundId", "unitId");

-- CreateIndex
CREATE INDEX "ReportOutput_reportId_position_idx" ON "ReportOutput"("reportId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_reportId_uploadedAt_idx" ON "Attachment"("reportId", "uploadedAt");

-- CreateIndex
CREATE INDEX "ReportEvent_itemId_createdAt_idx" ON "ReportEvent"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportEvent_unitId_createdAt_idx" ON "ReportEvent"("unitId", "createdAt");

-- CreateIndex
CREATE INDEX "ReportEvent_reportId_createdAt_idx" ON "ReportEvent"("reportId", "createdAt");

-- CreateIndex
CREATE INDEX "Chase_roundId_unitId_idx" ON "Chase"("roundId", "unitId");

-- CreateIndex
CREATE INDEX "InboxMessage_userId_readAt_idx" ON "InboxMessage"("userId", "readAt");

-- CreateIndex
CREATE INDEX "InboxMessage_emailStatus_idx" ON "InboxMessage"("emailStatus");

-- CreateIndex
CREATE INDEX "InboxMessage_userId_createdAt_idx" ON "InboxMessage"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitName" ADD CONSTRAINT "UnitName_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_parentPlanId_fkey" FOREIGN KEY ("parentPlanId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanVersion" ADD CONSTRAINT "PlanVersion_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanImport" ADD CONSTRAINT "PlanImport_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "PlanItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItem" ADD CONSTRAINT "PlanItem_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "PlanPhase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItemLink" ADD CONSTRAINT "PlanItemLink_fromItemId_fkey" FOREIGN KEY ("fromItemId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItemLink" ADD CONSTRAINT "PlanItemLink_toItemId_fkey" FOREIGN KEY ("toItemId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanItemRevision" ADD CONSTRAINT "PlanItemRevision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetPopulation" ADD CONSTRAINT "TargetPopulation_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyProject" ADD CONSTRAINT "KeyProject_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoal" ADD CONSTRAINT "PlanGoal_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanGoal" ADD CONSTRAINT "PlanGoal_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanPhase" ADD CONSTRAINT "PlanPhase_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorRevision" ADD CONSTRAINT "IndicatorRevision_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundItem" ADD CONSTRAINT "RoundItem_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReportingRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundItem" ADD CONSTRAINT "RoundItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReportingRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "PlanItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgressReport" ADD CONSTRAINT "ProgressReport_enteredImportId_fkey" FOREIGN KEY ("enteredImportId") REFERENCES "ReportImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportImport" ADD CONSTRAINT "ReportImport_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReportingRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportOutput" ADD CONSTRAINT "ReportOutput_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportEvent" ADD CONSTRAINT "ReportEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ProgressReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Chase" ADD CONSTRAINT "Chase_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ReportingRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Chase" ADD CONSTRAINT "Chase_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboxMessage" ADD CONSTRAINT "InboxMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit trail is append-only (as the SQLite triggers make it there): no row may be changed or
-- removed, and the table may not be emptied. In production the application connects as a role
-- that may only SELECT and INSERT on it (README, "PostgreSQL roles"); these triggers hold even
-- for the owner of the table.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
    FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
