-- AlterTable
ALTER TABLE "InboxMessage" ADD COLUMN "params" TEXT;
