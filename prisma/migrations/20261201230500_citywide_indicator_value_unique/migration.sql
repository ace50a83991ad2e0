-- Hand-written (a partial index, which prisma/schema.prisma does not hold; see
-- lib/core/db/hand-written-indexes.ts): one city-wide value (districtId empty) per indicator and year.
-- The unique index on ("indicatorId", "year", "districtId") does not cover it, because NULLs are
-- distinct in a unique index, so two concurrent first entries could each create a row.
-- Same SQL in prisma/migrations and prisma/postgresql/migrations; lib/core/unique-violation.ts
-- (UNIQUE_KEYS.citywideIndicatorValue) maps a violation to 该数值刚被他人录入.
--
-- Existing duplicates: the newest entry is kept (latest "enteredAt", then highest "id": the value
-- the pages showed last) and the older rows are deleted, so this migration cannot fail on them.
-- Nothing is lost from the history: every entry is also an IndicatorRevision row (SET_VALUE /
-- CORRECT_VALUE, with its value) and an audit record, and those stay.
DELETE FROM "IndicatorValue"
WHERE "districtId" IS NULL
  AND EXISTS (
    SELECT 1 FROM "IndicatorValue" AS "newer"
    WHERE "newer"."indicatorId" = "IndicatorValue"."indicatorId"
      AND "newer"."year" = "IndicatorValue"."year"
      AND "newer"."districtId" IS NULL
      AND ("newer"."enteredAt" > "IndicatorValue"."enteredAt"
        OR ("newer"."enteredAt" = "IndicatorValue"."enteredAt" AND "newer"."id" > "IndicatorValue"."id"))
  );

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorValue_citywide_key" ON "IndicatorValue"("indicatorId", "year") WHERE "districtId" IS NULL;
