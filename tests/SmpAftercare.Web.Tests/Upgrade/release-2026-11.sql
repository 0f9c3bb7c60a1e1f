-- The SQLite database made by release f011112 (EF Core 6): make-release-fixture.py, then sqlite3 .dump
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261121002016_InitialCreate','6.0.7');
INSERT INTO __EFMigrationsHistory VALUES('20261121003928_ClientSearchIndex','6.0.7');
CREATE TABLE IF NOT EXISTS "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
INSERT INTO AspNetRoles VALUES('39783efc-48f0-4a44-b03b-5205b4df5463','Owner','OWNER','1b256942-dddd-4f78-8d2f-b0f3cedcb060');
INSERT INTO AspNetRoles VALUES('61deb6c4-0c94-4c63-8798-0c5a3c46dad0','Technician','TECHNICIAN','6a2abb96-82b7-4090-978d-3cb4c127c397');
INSERT INTO AspNetRoles VALUES('d42702b9-a208-4c08-a2c7-ed8dbd982bc2','Reception','RECEPTION','30ee79ea-4167-4b27-ade3-a36e246c7a9e');
CREATE TABLE IF NOT EXISTS "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "ClinicId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "UserName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "ClientId" TEXT NULL,
    "Details" TEXT NULL,
    "AtUtc" TEXT NOT NULL
);
INSERT INTO AuditEntries VALUES(1,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','cli','cli:root','apikey.created',NULL,'Key "Northside SMP bookings" (smp_NFsed…)','2026-12-03 09:29:52.0446979');
INSERT INTO AuditEntries VALUES(2,'D8251AE6-B634-4267-9637-530431920D8F','cli','cli:root','apikey.created',NULL,'Key "Harbor Scalp Studio bookings" (smp_CSvrS…)','2026-12-03 09:30:45.1279776');
INSERT INTO AuditEntries VALUES(3,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','8ae2a29e-f637-4435-8746-88088e374a69','Owner of Northside SMP','staff.created',NULL,'Technician Northside <technician@northside.example.com> as Technician','2026-12-03 09:31:42.0782923');
INSERT INTO AuditEntries VALUES(4,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','8ae2a29e-f637-4435-8746-88088e374a69','Owner of Northside SMP','staff.created',NULL,'Reception Northside <reception@northside.example.com> as Reception','2026-12-03 09:31:44.8101865');
INSERT INTO AuditEntries VALUES(5,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','8ae2a29e-f637-4435-8746-88088e374a69','Owner of Northside SMP','apikey.created',NULL,'Key "Front desk tablet" (smp_8Hk7V…)','2026-12-03 09:31:45.8084406');
INSERT INTO AuditEntries VALUES(6,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.created','1A104B23-A294-4FA7-A9B9-83A52515816A','Through the API','2026-12-03 09:31:47.4129419');
INSERT INTO AuditEntries VALUES(7,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','session.logged','1A104B23-A294-4FA7-A9B9-83A52515816A','Session 1 at 2026-10-05 10:00, through the API','2026-12-03 09:31:52.4034617');
INSERT INTO AuditEntries VALUES(8,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','session.logged','1A104B23-A294-4FA7-A9B9-83A52515816A','Session 2 at 2026-10-19 14:30, through the API','2026-12-03 09:31:53.4006331');
INSERT INTO AuditEntries VALUES(9,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.link-issued','1A104B23-A294-4FA7-A9B9-83A52515816A','Through the API','2026-12-03 09:31:53.5570746');
INSERT INTO AuditEntries VALUES(10,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.viewed','1A104B23-A294-4FA7-A9B9-83A52515816A','Timeline, through the API','2026-12-03 09:31:54.5205122');
INSERT INTO AuditEntries VALUES(11,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.created','98A3363A-F41D-4CE8-9733-CDCB09E7792A','Through the API','2026-12-03 09:31:55.0120799');
INSERT INTO AuditEntries VALUES(12,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','session.logged','98A3363A-F41D-4CE8-9733-CDCB09E7792A','Session 1 at 2026-11-20 09:15, through the API','2026-12-03 09:31:55.129601');
INSERT INTO AuditEntries VALUES(13,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.link-issued','98A3363A-F41D-4CE8-9733-CDCB09E7792A','Through the API','2026-12-03 09:31:56.7214555');
INSERT INTO AuditEntries VALUES(14,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.viewed','98A3363A-F41D-4CE8-9733-CDCB09E7792A','Timeline, through the API','2026-12-03 09:31:56.930251');
INSERT INTO AuditEntries VALUES(15,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.created','AF6D924E-5399-435A-8FCA-95599F151C22','Through the API','2026-12-03 09:31:57.016799');
INSERT INTO AuditEntries VALUES(16,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','session.logged','AF6D924E-5399-435A-8FCA-95599F151C22','Session 1 at 2026-10-05 10:00, through the API','2026-12-03 09:31:57.3248032');
INSERT INTO AuditEntries VALUES(17,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','session.logged','AF6D924E-5399-435A-8FCA-95599F151C22','Session 2 at 2026-10-19 14:30, through the API','2026-12-03 09:31:57.558674');
INSERT INTO AuditEntries VALUES(18,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.link-issued','AF6D924E-5399-435A-8FCA-95599F151C22','Through the API','2026-12-03 09:31:57.8448754');
INSERT INTO AuditEntries VALUES(19,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.viewed','AF6D924E-5399-435A-8FCA-95599F151C22','Timeline, through the API','2026-12-03 09:31:58.1921944');
INSERT INTO AuditEntries VALUES(20,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.created','AC037619-5DA3-4B9E-9880-32390B8C14CF','Through the API','2026-12-03 09:31:58.3205166');
INSERT INTO AuditEntries VALUES(21,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','session.logged','AC037619-5DA3-4B9E-9880-32390B8C14CF','Session 1 at 2026-11-20 09:15, through the API','2026-12-03 09:31:58.5301936');
INSERT INTO AuditEntries VALUES(22,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.link-issued','AC037619-5DA3-4B9E-9880-32390B8C14CF','Through the API','2026-12-03 09:31:58.7691998');
INSERT INTO AuditEntries VALUES(23,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.viewed','AC037619-5DA3-4B9E-9880-32390B8C14CF','Timeline, through the API','2026-12-03 09:31:58.9256449');
INSERT INTO AuditEntries VALUES(24,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','client.created','3C0DE4E9-4C1E-48A3-90A1-5588266ADC4D','Through the API','2026-12-03 09:31:59.0992002');
INSERT INTO AuditEntries VALUES(25,'EBEAEB0A-8B21-4E45-AE98-DDB15E326342','apikey:f08b3606-25a6-48ed-95c8-4be4dc220b54','api:Northside SMP bookings','session.logged','3C0DE4E9-4C1E-48A3-90A1-5588266ADC4D','Session 1 at 2026-11-25 11:00, through the API','2026-12-03 09:31:59.6296528');
INSERT INTO AuditEntries VALUES(26,'D8251AE6-B634-4267-9637-530431920D8F','cd516fe8-8887-4e4e-9609-884c387a5f87','Owner of Harbor Scalp Studio','staff.created',NULL,'Technician Harbor <technician@harbor.example.com> as Technician','2026-12-03 09:32:06.4546573');
INSERT INTO AuditEntries VALUES(27,'D8251AE6-B634-4267-9637-530431920D8F','cd516fe8-8887-4e4e-9609-884c387a5f87','Owner of Harbor Scalp Studio','staff.created',NULL,'Reception Harbor <reception@harbor.example.com> as Reception','2026-12-03 09:32:08.2121232');
INSERT INTO AuditEntries VALUES(28,'D8251AE6-B634-4267-9637-530431920D8F','cd516fe8-8887-4e4e-9609-884c387a5f87','Owner of Harbor Scalp Studio','apikey.created',NULL,'Key "Front desk tablet" (smp_a0bS5…)','2026-12-03 09:32:08.3754051');
INSERT INTO AuditEntries VALUES(29,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.created','5B1F048B-835B-4209-866A-403430EF6E51','Through the API','2026-12-03 09:32:08.4654605');
INSERT INTO AuditEntries VALUES(30,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','session.logged','5B1F048B-835B-4209-866A-403430EF6E51','Session 1 at 2026-10-05 10:00, through the API','2026-12-03 09:32:08.6616097');
INSERT INTO AuditEntries VALUES(31,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','session.logged','5B1F048B-835B-4209-866A-403430EF6E51','Session 2 at 2026-10-19 14:30, through the API','2026-12-03 09:32:08.8411147');
INSERT INTO AuditEntries VALUES(32,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.link-issued','5B1F048B-835B-4209-866A-403430EF6E51','Through the API','2026-12-03 09:32:08.9766357');
INSERT INTO AuditEntries VALUES(33,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.viewed','5B1F048B-835B-4209-866A-403430EF6E51','Timeline, through the API','2026-12-03 09:32:09.2993033');
INSERT INTO AuditEntries VALUES(34,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.created','71EF502B-A53C-4A26-8D61-2D1EC9E197C4','Through the API','2026-12-03 09:32:09.3759725');
INSERT INTO AuditEntries VALUES(35,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','session.logged','71EF502B-A53C-4A26-8D61-2D1EC9E197C4','Session 1 at 2026-11-20 09:15, through the API','2026-12-03 09:32:09.5280088');
INSERT INTO AuditEntries VALUES(36,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.link-issued','71EF502B-A53C-4A26-8D61-2D1EC9E197C4','Through the API','2026-12-03 09:32:09.594444');
INSERT INTO AuditEntries VALUES(37,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.viewed','71EF502B-A53C-4A26-8D61-2D1EC9E197C4','Timeline, through the API','2026-12-03 09:32:09.6959254');
INSERT INTO AuditEntries VALUES(38,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.created','0D061F7E-61FF-4FB4-8892-8B45A9200D33','Through the API','2026-12-03 09:32:09.7872348');
INSERT INTO AuditEntries VALUES(39,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','session.logged','0D061F7E-61FF-4FB4-8892-8B45A9200D33','Session 1 at 2026-10-05 10:00, through the API','2026-12-03 09:32:09.9816421');
INSERT INTO AuditEntries VALUES(40,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','session.logged','0D061F7E-61FF-4FB4-8892-8B45A9200D33','Session 2 at 2026-10-19 14:30, through the API','2026-12-03 09:32:10.0645855');
INSERT INTO AuditEntries VALUES(41,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.link-issued','0D061F7E-61FF-4FB4-8892-8B45A9200D33','Through the API','2026-12-03 09:32:10.114166');
INSERT INTO AuditEntries VALUES(42,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.viewed','0D061F7E-61FF-4FB4-8892-8B45A9200D33','Timeline, through the API','2026-12-03 09:32:10.1724938');
INSERT INTO AuditEntries VALUES(43,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.created','491945C0-3F52-4E40-B04A-19A4E34B8CE8','Through the API','2026-12-03 09:32:10.2147616');
INSERT INTO AuditEntries VALUES(44,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','session.logged','491945C0-3F52-4E40-B04A-19A4E34B8CE8','Session 1 at 2026-11-20 09:15, through the API','2026-12-03 09:32:10.2859487');
INSERT INTO AuditEntries VALUES(45,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.link-issued','491945C0-3F52-4E40-B04A-19A4E34B8CE8','Through the API','2026-12-03 09:32:10.3295209');
INSERT INTO AuditEntries VALUES(46,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.viewed','491945C0-3F52-4E40-B04A-19A4E34B8CE8','Timeline, through the API','2026-12-03 09:32:10.4086607');
INSERT INTO AuditEntries VALUES(47,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','client.created','D2E9F05D-9625-4A98-B920-5927DFD864BF','Through the API','2026-12-03 09:32:10.4590126');
INSERT INTO AuditEntries VALUES(48,'D8251AE6-B634-4267-9637-530431920D8F','apikey:72b45535-dfe9-431a-8ca2-4313a997e940','api:Harbor Scalp Studio bookings','session.logged','D2E9F05D-9625-4A98-B920-5927DFD864BF','Session 1 at 2026-11-25 11:00, through the API','2026-12-03 09:32:10.5287653');
CREATE TABLE IF NOT EXISTS "Clinics" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Clinics" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "Locale" TEXT NOT NULL,
    "ContactPhone" TEXT NULL,
    "ContactEmail" TEXT NULL,
    "Address" TEXT NULL,
    "LinkValidityDays" INTEGER NOT NULL,
    "ReminderWindowStart" TEXT NOT NULL,
    "ReminderWindowEnd" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL
);
INSERT INTO Clinics VALUES('EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Northside SMP','Europe/London','en-GB',NULL,NULL,NULL,90,'09:00:00','20:00:00','2026-12-03 09:29:23.3866401');
INSERT INTO Clinics VALUES('D8251AE6-B634-4267-9637-530431920D8F','Harbor Scalp Studio','America/New_York','en-US',NULL,NULL,NULL,90,'09:00:00','20:00:00','2026-12-03 09:30:17.4302517');
CREATE TABLE IF NOT EXISTS "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
    "ClinicId" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Start" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "LastUsedAtUtc" TEXT NULL,
    "RevokedAtUtc" TEXT NULL,
    CONSTRAINT "FK_ApiKeys_Clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "Clinics" ("Id") ON DELETE RESTRICT
);
INSERT INTO ApiKeys VALUES('F08B3606-25A6-48ED-95C8-4BE4DC220B54','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Northside SMP bookings','9c43f3ae2a34c0efa96e769177f5d279f81814312ca313ea5fda5750ea85f349','smp_NFsed','cli:root','2026-12-03 09:29:52.0446979','2026-12-03 09:31:46.0924005',NULL);
INSERT INTO ApiKeys VALUES('72B45535-DFE9-431A-8CA2-4313A997E940','D8251AE6-B634-4267-9637-530431920D8F','Harbor Scalp Studio bookings','36eb1c6b44acd126e02eb83c6cefee0086f495b640bbbf3e5456e446ffecea1a','smp_CSvrS','cli:root','2026-12-03 09:30:45.1279776','2026-12-03 09:32:08.4464098',NULL);
INSERT INTO ApiKeys VALUES('C5AAE76A-A67E-40B4-8393-AA1B75C9B536','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Front desk tablet','9f7cef2d213c685800ef17a7d8ca122a2cd6b64204f14eee72a7104657fbb9f2','smp_8Hk7V','Owner of Northside SMP','2026-12-03 09:31:45.7577955',NULL,NULL);
INSERT INTO ApiKeys VALUES('9075B7D9-CFB2-4F50-8384-544B6D135BFD','D8251AE6-B634-4267-9637-530431920D8F','Front desk tablet','fa2e99fa04c1cadae08aadd70725494f229ceaca8745709fbf0a67d5a6b63f13','smp_a0bS5','Owner of Harbor Scalp Studio','2026-12-03 09:32:08.3749937',NULL,NULL);
CREATE TABLE IF NOT EXISTS "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "ClinicId" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "DisabledAtUtc" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "Clinics" ("Id") ON DELETE RESTRICT
);
INSERT INTO AspNetUsers VALUES('8ae2a29e-f637-4435-8746-88088e374a69','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Owner of Northside SMP',NULL,'owner@northside.example.com','OWNER@NORTHSIDE.EXAMPLE.COM','owner@northside.example.com','OWNER@NORTHSIDE.EXAMPLE.COM',1,'AQAAAAIAAYagAAAAENP7TNg7eN/amiSij+6/pmMSz/m1ayC3FJKeUmDHa97/1hc5tACU8iztfJwRXzxx5g==','SDJFEXY2BFLLH4PPO7L2HRDYPTNS5PZA','7f274669-6c2b-42fd-b2ba-6ca1998014eb',NULL,0,0,NULL,1,0);
INSERT INTO AspNetUsers VALUES('cd516fe8-8887-4e4e-9609-884c387a5f87','D8251AE6-B634-4267-9637-530431920D8F','Owner of Harbor Scalp Studio',NULL,'owner@harbor.example.com','OWNER@HARBOR.EXAMPLE.COM','owner@harbor.example.com','OWNER@HARBOR.EXAMPLE.COM',1,'AQAAAAIAAYagAAAAEKvsVALJRjp6XS2XZLM4oFu6Rt/mF0V8TuZf7bZU3H6q6SMDS/RqCzmBvKq4WRd3Aw==','W4FOIAAAAWR7ZU3BVHQKHCZHTVSGZA2W','25bceb83-77d2-4d55-99c9-b177c82dc185',NULL,0,0,NULL,1,0);
INSERT INTO AspNetUsers VALUES('7a4cc4a3-f671-4905-b82b-0f06bec2b74a','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Technician Northside',NULL,'technician@northside.example.com','TECHNICIAN@NORTHSIDE.EXAMPLE.COM','technician@northside.example.com','TECHNICIAN@NORTHSIDE.EXAMPLE.COM',1,'AQAAAAIAAYagAAAAEGW02oaz+7G/4HQdAMp5gDAyoJyoi8umNhIb5T0jAywbvSfsY/sRM1XdJAVtM1bULw==','BWWVAD2EFNXX4FXRS6C4GEIM3HLP5AHM','2af77efd-443a-4169-971e-3eb9ea4068f3',NULL,0,0,NULL,1,0);
INSERT INTO AspNetUsers VALUES('52ad5d9d-7ff1-42ab-8ea2-699f4b2d8396','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Reception Northside',NULL,'reception@northside.example.com','RECEPTION@NORTHSIDE.EXAMPLE.COM','reception@northside.example.com','RECEPTION@NORTHSIDE.EXAMPLE.COM',1,'AQAAAAIAAYagAAAAEHAoDz2klyGk0z0vhF22V+RWz08XMadgMS/yrN8x/29dpRA1Nxcu+74+pUDnF8j9kQ==','BC4YRZGZTPDQYNAUKI42XPDF5DMBKIMI','ab12a6e7-cb79-4f77-9b67-7a0acffb5fd1',NULL,0,0,NULL,1,0);
INSERT INTO AspNetUsers VALUES('c873091c-888e-49f8-bc67-c47346791904','D8251AE6-B634-4267-9637-530431920D8F','Technician Harbor',NULL,'technician@harbor.example.com','TECHNICIAN@HARBOR.EXAMPLE.COM','technician@harbor.example.com','TECHNICIAN@HARBOR.EXAMPLE.COM',1,'AQAAAAIAAYagAAAAEBJsCXW4erdHU4JH3sCTFU405YjG/NZK/cGaQmsHWFRyGAjYvntiyUSbBgi8JYQAIw==','EFUKKNBKZIWFZHBZZUOJECQMMT2T7IHQ','a94ac982-afb3-4bc7-a3d8-2fda798fdc9b',NULL,0,0,NULL,1,0);
INSERT INTO AspNetUsers VALUES('d0d99305-d34e-46e7-b16a-019ed0ae1e13','D8251AE6-B634-4267-9637-530431920D8F','Reception Harbor',NULL,'reception@harbor.example.com','RECEPTION@HARBOR.EXAMPLE.COM','reception@harbor.example.com','RECEPTION@HARBOR.EXAMPLE.COM',1,'AQAAAAIAAYagAAAAEFKQX3oiFwi2ofObqbvUHvrDQzE8MWNOchieUFkmzfMTte7s33vQARYVAovN3l+Jqw==','62EXD6PVOS5ADSOJ4JN5ISMSTFJD24KI','27503a78-22f7-47ca-acdb-e62f70a65c72',NULL,0,0,NULL,1,0);
CREATE TABLE IF NOT EXISTS "Clients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Clients" PRIMARY KEY,
    "ClinicId" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "Email" TEXT NULL,
    "Phone" TEXT NULL,
    "PreferredChannel" TEXT NOT NULL,
    "EmailConsent" INTEGER NOT NULL,
    "SmsConsent" INTEGER NOT NULL,
    "SkinNotes" TEXT NULL,
    "Contraindications" TEXT NULL,
    "KeloidHistory" INTEGER NOT NULL,
    "Notes" TEXT NULL,
    "PlannedNextSession" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ArchivedAtUtc" TEXT NULL,
    CONSTRAINT "FK_Clients_Clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "Clinics" ("Id") ON DELETE RESTRICT
);
INSERT INTO Clients VALUES('1A104B23-A294-4FA7-A9B9-83A52515816A','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Jordan Lee (northside)','jordan@example.com','+447700900456','None',1,1,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:31:46.718602',NULL);
INSERT INTO Clients VALUES('98A3363A-F41D-4CE8-9733-CDCB09E7792A','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Sam O''Neill (northside)','sam@example.com',NULL,'None',1,0,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:31:55.0119274',NULL);
INSERT INTO Clients VALUES('AF6D924E-5399-435A-8FCA-95599F151C22','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Priya Shah (northside)',NULL,'+447700900789','None',0,1,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:31:57.0166292',NULL);
INSERT INTO Clients VALUES('AC037619-5DA3-4B9E-9880-32390B8C14CF','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Chris Müller (northside)','chris@example.com','+447700900111','None',1,1,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:31:58.3203455',NULL);
INSERT INTO Clients VALUES('3C0DE4E9-4C1E-48A3-90A1-5588266ADC4D','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','Twin Booking (northside)','twin.northside@example.com',NULL,'None',1,0,NULL,NULL,0,NULL,NULL,'2026-12-03 09:31:59.0227186',NULL);
INSERT INTO Clients VALUES('5B1F048B-835B-4209-866A-403430EF6E51','D8251AE6-B634-4267-9637-530431920D8F','Jordan Lee (harbor)','jordan@example.com','+447700900456','None',1,1,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:32:08.4652672',NULL);
INSERT INTO Clients VALUES('71EF502B-A53C-4A26-8D61-2D1EC9E197C4','D8251AE6-B634-4267-9637-530431920D8F','Sam O''Neill (harbor)','sam@example.com',NULL,'None',1,0,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:32:09.3758118',NULL);
INSERT INTO Clients VALUES('0D061F7E-61FF-4FB4-8892-8B45A9200D33','D8251AE6-B634-4267-9637-530431920D8F','Priya Shah (harbor)',NULL,'+447700900789','None',0,1,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:32:09.7507429',NULL);
INSERT INTO Clients VALUES('491945C0-3F52-4E40-B04A-19A4E34B8CE8','D8251AE6-B634-4267-9637-530431920D8F','Chris Müller (harbor)','chris@example.com','+447700900111','None',1,1,NULL,NULL,0,'Booked online',NULL,'2026-12-03 09:32:10.2146101',NULL);
INSERT INTO Clients VALUES('D2E9F05D-9625-4A98-B920-5927DFD864BF','D8251AE6-B634-4267-9637-530431920D8F','Twin Booking (harbor)','twin.harbor@example.com',NULL,'None',1,0,NULL,NULL,0,NULL,NULL,'2026-12-03 09:32:10.4587251',NULL);
CREATE TABLE IF NOT EXISTS "ProtocolVersions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ProtocolVersions" PRIMARY KEY,
    "ClinicId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_ProtocolVersions_Clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "Clinics" ("Id") ON DELETE RESTRICT
);
INSERT INTO ProtocolVersions VALUES('CA696022-F71F-4467-ADB4-A6A1B5C23C64','EBEAEB0A-8B21-4E45-AE98-DDB15E326342',1,'2026-12-03 09:29:23.3866401','Owner of Northside SMP');
INSERT INTO ProtocolVersions VALUES('81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','D8251AE6-B634-4267-9637-530431920D8F',1,'2026-12-03 09:30:17.4302517','Owner of Harbor Scalp Studio');
CREATE TABLE IF NOT EXISTS "ReminderSettings" (
    "ClinicId" TEXT NOT NULL CONSTRAINT "PK_ReminderSettings" PRIMARY KEY,
    "EnabledMilestoneCodes" TEXT NOT NULL,
    "NextSessionReminders" INTEGER NOT NULL,
    "MilestoneEmailSubject" TEXT NOT NULL,
    "MilestoneEmailBody" TEXT NOT NULL,
    "MilestoneSms" TEXT NOT NULL,
    "NextSessionEmailSubject" TEXT NOT NULL,
    "NextSessionEmailBody" TEXT NOT NULL,
    "NextSessionSms" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NULL,
    CONSTRAINT "FK_ReminderSettings_Clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "Clinics" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO AspNetUserRoles VALUES('8ae2a29e-f637-4435-8746-88088e374a69','39783efc-48f0-4a44-b03b-5205b4df5463');
INSERT INTO AspNetUserRoles VALUES('cd516fe8-8887-4e4e-9609-884c387a5f87','39783efc-48f0-4a44-b03b-5205b4df5463');
INSERT INTO AspNetUserRoles VALUES('7a4cc4a3-f671-4905-b82b-0f06bec2b74a','61deb6c4-0c94-4c63-8798-0c5a3c46dad0');
INSERT INTO AspNetUserRoles VALUES('52ad5d9d-7ff1-42ab-8ea2-699f4b2d8396','d42702b9-a208-4c08-a2c7-ed8dbd982bc2');
INSERT INTO AspNetUserRoles VALUES('c873091c-888e-49f8-bc67-c47346791904','61deb6c4-0c94-4c63-8798-0c5a3c46dad0');
INSERT INTO AspNetUserRoles VALUES('d0d99305-d34e-46e7-b16a-019ed0ae1e13','d42702b9-a208-4c08-a2c7-ed8dbd982bc2');
CREATE TABLE IF NOT EXISTS "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ClientLinks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ClientLinks" PRIMARY KEY,
    "ClinicId" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "RevokedAtUtc" TEXT NULL,
    CONSTRAINT "FK_ClientLinks_Clients_ClientId" FOREIGN KEY ("ClientId") REFERENCES "Clients" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ClientLinks_Clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "Clinics" ("Id") ON DELETE RESTRICT
);
INSERT INTO ClientLinks VALUES('4711D1CD-D47B-485E-8765-436E4E55DCDF','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','1A104B23-A294-4FA7-A9B9-83A52515816A','85c5ac09fe8ec1d2bdb1e93bffc36f1d83a803ca0b4af6f43f17664e06c9891a','2026-12-03 09:31:53.5572851','api:Northside SMP bookings',NULL);
INSERT INTO ClientLinks VALUES('0B8F5AEC-92A6-4F9A-84FC-F75A094A00AF','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','98A3363A-F41D-4CE8-9733-CDCB09E7792A','2dd267b1a0d9bfa54c3886ca164e6f50e3f1046a71087de724d5739c6c907aa4','2026-12-03 09:31:56.7216221','api:Northside SMP bookings',NULL);
INSERT INTO ClientLinks VALUES('2FECFF4D-3567-4058-8172-DAB6CD6355DD','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','AF6D924E-5399-435A-8FCA-95599F151C22','94131fe514a6a01706993108264b6aae7ead8e84fea5c25c3b57d2e35af3cade','2026-12-03 09:31:57.8450656','api:Northside SMP bookings',NULL);
INSERT INTO ClientLinks VALUES('8E760499-4AC5-4B09-9CF9-532CE5B721C4','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','AC037619-5DA3-4B9E-9880-32390B8C14CF','4039655466362e77b8088f3e5e0904515cdaf1b151f077788fc2239fbef35613','2026-12-03 09:31:58.7694039','api:Northside SMP bookings',NULL);
INSERT INTO ClientLinks VALUES('C8A93043-5A9F-4360-8971-94795CE1C33C','D8251AE6-B634-4267-9637-530431920D8F','5B1F048B-835B-4209-866A-403430EF6E51','b262949e8a1eafd6e1e54b4f8c3f2f01cbd39f22d75cc3aec82faee7612517d2','2026-12-03 09:32:08.9768031','api:Harbor Scalp Studio bookings',NULL);
INSERT INTO ClientLinks VALUES('88460617-1FE1-476C-B369-CFAFCF2B09F1','D8251AE6-B634-4267-9637-530431920D8F','71EF502B-A53C-4A26-8D61-2D1EC9E197C4','513dce5aeb8ff68b47df962e3681ed8b13637a6be578bc3fe55b5d908160cbe0','2026-12-03 09:32:09.5945839','api:Harbor Scalp Studio bookings',NULL);
INSERT INTO ClientLinks VALUES('430FDD93-1277-4207-A561-6E6F1BCFD1C1','D8251AE6-B634-4267-9637-530431920D8F','0D061F7E-61FF-4FB4-8892-8B45A9200D33','f4f0f3977bb6e94cd89c9dc2378c958295406ddc8815635ed6fb2a098433b92b','2026-12-03 09:32:10.1142907','api:Harbor Scalp Studio bookings',NULL);
INSERT INTO ClientLinks VALUES('CF5182D3-EB3B-443C-AE40-13160533F3FE','D8251AE6-B634-4267-9637-530431920D8F','491945C0-3F52-4E40-B04A-19A4E34B8CE8','0a7003b33cb2f2bfe370c6c976662e28b454231da722e40b9e82fb2f7d067d20','2026-12-03 09:32:10.3296613','api:Harbor Scalp Studio bookings',NULL);
CREATE TABLE IF NOT EXISTS "Reminders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Reminders" PRIMARY KEY,
    "ClinicId" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "AnnouncedDate" TEXT NOT NULL,
    "SendByDate" TEXT NOT NULL,
    "DueAtUtc" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAtUtc" TEXT NULL,
    "LastAttemptAtUtc" TEXT NULL,
    "LastError" TEXT NULL,
    "SentAtUtc" TEXT NULL,
    "Recipient" TEXT NULL,
    "Subject" TEXT NULL,
    "Body" TEXT NOT NULL,
    "OptOutToken" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NULL,
    CONSTRAINT "FK_Reminders_Clients_ClientId" FOREIGN KEY ("ClientId") REFERENCES "Clients" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Reminders_Clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "Clinics" ("Id") ON DELETE RESTRICT
);
INSERT INTO Reminders VALUES('2A86FA31-8204-4C0B-81CF-A725985574A4','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','98A3363A-F41D-4CE8-9733-CDCB09E7792A','Email','Milestone','2026-12-04','2026-12-04','2026-12-04 09:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Northside SMP: your aftercare changes today',replace('Hello Sam,\n\nGood news: from today, Friday 4 December:\n- You can go swimming again.\n- Sauna and steam room are OK again.\n\nNothing else is restricted any more.\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Northside SMP on .\n\nStop email reminders: https://aftercare.example.com/stop/ZgHfmk16yuvW-t9C0SkYIA','\n',char(10)),'ZgHfmk16yuvW-t9C0SkYIA','2026-12-03 09:31:55.1287239',NULL);
INSERT INTO Reminders VALUES('36594BFF-8B59-4157-873C-0485DCD2A5A6','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','AC037619-5DA3-4B9E-9880-32390B8C14CF','Email','Milestone','2026-12-04','2026-12-04','2026-12-04 09:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Northside SMP: your aftercare changes today',replace('Hello Chris,\n\nGood news: from today, Friday 4 December:\n- You can go swimming again.\n- Sauna and steam room are OK again.\n\nNothing else is restricted any more.\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Northside SMP on .\n\nStop email reminders: https://aftercare.example.com/stop/cNvmSu34S4l-rFmN6uOhJg','\n',char(10)),'cNvmSu34S4l-rFmN6uOhJg','2026-12-03 09:31:58.4986',NULL);
INSERT INTO Reminders VALUES('44DA9B5D-BBD0-48CB-B799-468404F794AB','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','AC037619-5DA3-4B9E-9880-32390B8C14CF','Sms','Milestone','2026-12-04','2026-12-04','2026-12-04 09:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,NULL,'Northside SMP: from today you can go swimming again. Sauna and steam room are OK again. Your aftercare: {{personal-link}} Stop SMS: https://aftercare.example.com/stop/x5kffZJgUiUsds8j5zv00g','x5kffZJgUiUsds8j5zv00g','2026-12-03 09:31:58.4986',NULL);
INSERT INTO Reminders VALUES('38DB9B04-27D2-4153-9988-775A8B3212AE','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','3C0DE4E9-4C1E-48A3-90A1-5588266ADC4D','Email','Milestone','2026-12-09','2026-12-09','2026-12-09 09:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Northside SMP: your aftercare changes today',replace('Hello Twin,\n\nGood news: from today, Wednesday 9 December:\n- You can go swimming again.\n- Sauna and steam room are OK again.\n\nNothing else is restricted any more.\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Northside SMP on .\n\nStop email reminders: https://aftercare.example.com/stop/FO_KaPkf5hjrL0lslZ7Kxw','\n',char(10)),'FO_KaPkf5hjrL0lslZ7Kxw','2026-12-03 09:31:59.5324097',NULL);
INSERT INTO Reminders VALUES('CC963E46-62CE-41C9-8BD6-10829F988559','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','3C0DE4E9-4C1E-48A3-90A1-5588266ADC4D','Email','Milestone','2026-12-05','2026-12-05','2026-12-05 09:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Northside SMP: your aftercare changes today',replace('Hello Twin,\n\nGood news: from today, Saturday 5 December:\n- You can wash your scalp with soap and shampoo again.\n\nStill avoid:\n- Swimming: not until Wednesday 9 December\n- Sauna and steam room: not until Wednesday 9 December\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Northside SMP on .\n\nStop email reminders: https://aftercare.example.com/stop/-8Cwnw5p5UdAzXB0g9EdTA','\n',char(10)),'-8Cwnw5p5UdAzXB0g9EdTA','2026-12-03 09:31:59.5324097',NULL);
INSERT INTO Reminders VALUES('06BDB517-86F3-459E-9D59-980FB254FAD7','D8251AE6-B634-4267-9637-530431920D8F','71EF502B-A53C-4A26-8D61-2D1EC9E197C4','Email','Milestone','2026-12-04','2026-12-04','2026-12-04 14:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Harbor Scalp Studio: your aftercare changes today',replace('Hello Sam,\n\nGood news: from today, Friday, December 4:\n- You can go swimming again.\n- Sauna and steam room are OK again.\n\nNothing else is restricted any more.\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Harbor Scalp Studio on .\n\nStop email reminders: https://aftercare.example.com/stop/E_81OohfhkWSuDOm9RPedg','\n',char(10)),'E_81OohfhkWSuDOm9RPedg','2026-12-03 09:32:09.4825766',NULL);
INSERT INTO Reminders VALUES('1B19D0FD-41F3-40F5-BE0D-5D7C6A297619','D8251AE6-B634-4267-9637-530431920D8F','491945C0-3F52-4E40-B04A-19A4E34B8CE8','Email','Milestone','2026-12-04','2026-12-04','2026-12-04 14:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Harbor Scalp Studio: your aftercare changes today',replace('Hello Chris,\n\nGood news: from today, Friday, December 4:\n- You can go swimming again.\n- Sauna and steam room are OK again.\n\nNothing else is restricted any more.\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Harbor Scalp Studio on .\n\nStop email reminders: https://aftercare.example.com/stop/svPGIw9QFoTIO5r1MNo-OQ','\n',char(10)),'svPGIw9QFoTIO5r1MNo-OQ','2026-12-03 09:32:10.2853643',NULL);
INSERT INTO Reminders VALUES('890835F2-7E61-4E67-999A-B2E3352D8376','D8251AE6-B634-4267-9637-530431920D8F','491945C0-3F52-4E40-B04A-19A4E34B8CE8','Sms','Milestone','2026-12-04','2026-12-04','2026-12-04 14:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,NULL,'Harbor Scalp Studio: from today you can go swimming again. Sauna and steam room are OK again. Your aftercare: {{personal-link}} Stop SMS: https://aftercare.example.com/stop/krmzKoi8ICp8D9Lc7qg4yQ','krmzKoi8ICp8D9Lc7qg4yQ','2026-12-03 09:32:10.2853643',NULL);
INSERT INTO Reminders VALUES('D7DAB0C2-3C44-451B-A062-0E3D9BBCDA85','D8251AE6-B634-4267-9637-530431920D8F','D2E9F05D-9625-4A98-B920-5927DFD864BF','Email','Milestone','2026-12-05','2026-12-05','2026-12-05 14:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Harbor Scalp Studio: your aftercare changes today',replace('Hello Twin,\n\nGood news: from today, Saturday, December 5:\n- You can wash your scalp with soap and shampoo again.\n\nStill avoid:\n- Swimming: not until Wednesday, December 9\n- Sauna and steam room: not until Wednesday, December 9\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Harbor Scalp Studio on .\n\nStop email reminders: https://aftercare.example.com/stop/7sXQJFZkeK6V4cypDAcSuQ','\n',char(10)),'7sXQJFZkeK6V4cypDAcSuQ','2026-12-03 09:32:10.5262909',NULL);
INSERT INTO Reminders VALUES('FA8BDC93-0F7F-4281-9EC3-F17594C0FB84','D8251AE6-B634-4267-9637-530431920D8F','D2E9F05D-9625-4A98-B920-5927DFD864BF','Email','Milestone','2026-12-09','2026-12-09','2026-12-09 14:00:00','Pending',0,NULL,NULL,NULL,NULL,NULL,'Harbor Scalp Studio: your aftercare changes today',replace('Hello Twin,\n\nGood news: from today, Wednesday, December 9:\n- You can go swimming again.\n- Sauna and steam room are OK again.\n\nNothing else is restricted any more.\n\nYour day-by-day aftercare: {{personal-link}}\n\nQuestions? Call Harbor Scalp Studio on .\n\nStop email reminders: https://aftercare.example.com/stop/O9jSGTVFBoxg4XA1J3aN8g','\n',char(10)),'O9jSGTVFBoxg4XA1J3aN8g','2026-12-03 09:32:10.5262909',NULL);
CREATE TABLE IF NOT EXISTS "ProtocolRules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProtocolRules" PRIMARY KEY AUTOINCREMENT,
    "Position" INTEGER NOT NULL,
    "ActivityCode" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Anchor" TEXT NOT NULL,
    "FromDay" INTEGER NOT NULL,
    "ToDay" INTEGER NULL,
    "Instruction" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "ProtocolVersionId" TEXT NOT NULL,
    CONSTRAINT "FK_ProtocolRules_ProtocolVersions_ProtocolVersionId" FOREIGN KEY ("ProtocolVersionId") REFERENCES "ProtocolVersions" ("Id") ON DELETE CASCADE
);
INSERT INTO ProtocolRules VALUES(1,0,'wetting','Avoid','EverySession',0,3,'Keep your scalp completely dry: no showers over the head, no washing, no rain.','002 (dry for at least 3 days), 004 (no shower over the area, days 1-4)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(2,1,'soap','Avoid','EverySession',0,9,'No soap, shampoo or conditioner on your scalp: rinse with warm water only.','002 (warm water only for 5-7 days after day 3, stricter reading), 001',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(3,2,'products','Avoid','EverySession',0,0,'Put nothing on your scalp today: no ointments, creams or make-up.','004 (no products or ointments in the first 24 h), 001',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(4,3,'shaving','Avoid','EverySession',0,4,'Do not shave your head yet.','004, 001 (no shaving until day 5)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(5,4,'touching','Avoid','EverySession',0,6,'Do not touch, rub or scratch your scalp (clean hands or a cotton bud only when cleansing).','004, 001 (until healed, about 7 days)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(6,5,'sweating','Avoid','EverySession',0,6,'Avoid anything that makes you sweat.','004, 001 (avoid excess sweating while healing)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(7,6,'sun','Avoid','EverySession',0,6,'Keep out of direct sun; wear a loose hat outdoors.','004, 000, 001 (no direct sun while healing)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(8,7,'swimming','Avoid','EverySession',0,13,'No swimming pools, sea or hot tubs.','004 (no swimming while healing; one month after the final session)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(9,8,'sauna','Avoid','EverySession',0,13,'No sauna or steam room.','004 (no sauna or steam while healing; one month after the final session)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(10,9,'exercise','Avoid','FinalSession',0,13,'No heavy exercise or gym.','004 (no heavy exercise for 14 days after the final session)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(11,10,'swimming','Avoid','FinalSession',0,29,'No swimming for a month after your final session.','004 (avoid swimming for one month after the final session)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(12,11,'sauna','Avoid','FinalSession',0,29,'No sauna or steam room for a month after your final session.','004 (avoid sauna and steam room for one month after the final session)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(13,12,'sun','Avoid','FinalSession',0,29,'Keep out of direct sun for 30 days after your final session; wear a hat.','004, 001 (30 days out of direct sun after the final session)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(14,13,'moisturize','Recommend','EverySession',1,13,'Keep your scalp moist with a light, alcohol-free moisturiser.','002 (keep the scalp moist while healing), 004 (balm from 24 h)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(15,14,'sunscreen','Recommend','FinalSession',30,NULL,'Use sunscreen and a matte moisturiser on your scalp whenever you are in the sun.','004, 000 (sunscreen after 30 days, for good)',1,'CA696022-F71F-4467-ADB4-A6A1B5C23C64');
INSERT INTO ProtocolRules VALUES(16,0,'wetting','Avoid','EverySession',0,3,'Keep your scalp completely dry: no showers over the head, no washing, no rain.','002 (dry for at least 3 days), 004 (no shower over the area, days 1-4)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(17,1,'soap','Avoid','EverySession',0,9,'No soap, shampoo or conditioner on your scalp: rinse with warm water only.','002 (warm water only for 5-7 days after day 3, stricter reading), 001',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(18,2,'products','Avoid','EverySession',0,0,'Put nothing on your scalp today: no ointments, creams or make-up.','004 (no products or ointments in the first 24 h), 001',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(19,3,'shaving','Avoid','EverySession',0,4,'Do not shave your head yet.','004, 001 (no shaving until day 5)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(20,4,'touching','Avoid','EverySession',0,6,'Do not touch, rub or scratch your scalp (clean hands or a cotton bud only when cleansing).','004, 001 (until healed, about 7 days)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(21,5,'sweating','Avoid','EverySession',0,6,'Avoid anything that makes you sweat.','004, 001 (avoid excess sweating while healing)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(22,6,'sun','Avoid','EverySession',0,6,'Keep out of direct sun; wear a loose hat outdoors.','004, 000, 001 (no direct sun while healing)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(23,7,'swimming','Avoid','EverySession',0,13,'No swimming pools, sea or hot tubs.','004 (no swimming while healing; one month after the final session)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(24,8,'sauna','Avoid','EverySession',0,13,'No sauna or steam room.','004 (no sauna or steam while healing; one month after the final session)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(25,9,'exercise','Avoid','FinalSession',0,13,'No heavy exercise or gym.','004 (no heavy exercise for 14 days after the final session)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(26,10,'swimming','Avoid','FinalSession',0,29,'No swimming for a month after your final session.','004 (avoid swimming for one month after the final session)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(27,11,'sauna','Avoid','FinalSession',0,29,'No sauna or steam room for a month after your final session.','004 (avoid sauna and steam room for one month after the final session)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(28,12,'sun','Avoid','FinalSession',0,29,'Keep out of direct sun for 30 days after your final session; wear a hat.','004, 001 (30 days out of direct sun after the final session)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(29,13,'moisturize','Recommend','EverySession',1,13,'Keep your scalp moist with a light, alcohol-free moisturiser.','002 (keep the scalp moist while healing), 004 (balm from 24 h)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
INSERT INTO ProtocolRules VALUES(30,14,'sunscreen','Recommend','FinalSession',30,NULL,'Use sunscreen and a matte moisturiser on your scalp whenever you are in the sun.','004, 000 (sunscreen after 30 days, for good)',1,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A');
CREATE TABLE IF NOT EXISTS "Sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
    "ClinicId" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "StartsAtUtc" TEXT NOT NULL,
    "SessionNumber" INTEGER NOT NULL,
    "TechnicianId" TEXT NULL,
    "TechnicianName" TEXT NOT NULL,
    "IsFinal" INTEGER NOT NULL,
    "PigmentNotes" TEXT NULL,
    "NeedleNotes" TEXT NULL,
    "AreaNotes" TEXT NULL,
    "Notes" TEXT NULL,
    "ProtocolVersionId" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NULL,
    CONSTRAINT "FK_Sessions_Clients_ClientId" FOREIGN KEY ("ClientId") REFERENCES "Clients" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Sessions_ProtocolVersions_ProtocolVersionId" FOREIGN KEY ("ProtocolVersionId") REFERENCES "ProtocolVersions" ("Id") ON DELETE RESTRICT
);
INSERT INTO Sessions VALUES('72227B11-2F5E-45B8-B7D8-5EFA1E70A6F4','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','1A104B23-A294-4FA7-A9B9-83A52515816A','2026-10-05 09:00:00',1,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,'Crown and hairline','CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:49.1978392',NULL);
INSERT INTO Sessions VALUES('C44A1CA2-4F78-486B-8589-32759E11709F','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','1A104B23-A294-4FA7-A9B9-83A52515816A','2026-10-19 13:30:00',2,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,'Crown and hairline','CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:53.3424886',NULL);
INSERT INTO Sessions VALUES('2A4C5C8D-C565-49AA-9FAB-0D32E73E460A','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','98A3363A-F41D-4CE8-9733-CDCB09E7792A','2026-11-20 09:15:00',1,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,'Crown and hairline','CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:55.1287239',NULL);
INSERT INTO Sessions VALUES('5B66FC25-62FD-43C1-9CD8-090AD11D40F0','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','AF6D924E-5399-435A-8FCA-95599F151C22','2026-10-05 09:00:00',1,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,'Crown and hairline','CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:57.2542851',NULL);
INSERT INTO Sessions VALUES('3BC0EF1D-BF0C-4FA6-B9DA-0DAC27D76736','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','AF6D924E-5399-435A-8FCA-95599F151C22','2026-10-19 13:30:00',2,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,'Crown and hairline','CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:57.5574127',NULL);
INSERT INTO Sessions VALUES('51CCD140-8BCA-44AA-A3E0-5DEA9CD97B73','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','AC037619-5DA3-4B9E-9880-32390B8C14CF','2026-11-20 09:15:00',1,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,'Crown and hairline','CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:58.4986',NULL);
INSERT INTO Sessions VALUES('17089209-AE89-4C88-B77A-11AD1FF69312','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','3C0DE4E9-4C1E-48A3-90A1-5588266ADC4D','2026-11-25 11:00:00',1,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,NULL,'CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:59.5324097',NULL);
INSERT INTO Sessions VALUES('5CE87F25-4430-4044-B388-7A63979D3E80','D8251AE6-B634-4267-9637-530431920D8F','5B1F048B-835B-4209-866A-403430EF6E51','2026-10-05 14:00:00',1,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,'Crown and hairline','81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:08.6090745',NULL);
INSERT INTO Sessions VALUES('C645D4A0-DDF1-46DC-B183-47729C5855DB','D8251AE6-B634-4267-9637-530431920D8F','5B1F048B-835B-4209-866A-403430EF6E51','2026-10-19 18:30:00',2,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,'Crown and hairline','81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:08.8182857',NULL);
INSERT INTO Sessions VALUES('C0995433-6FCD-4B47-A621-2FAFDCD2DC82','D8251AE6-B634-4267-9637-530431920D8F','71EF502B-A53C-4A26-8D61-2D1EC9E197C4','2026-11-20 14:15:00',1,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,'Crown and hairline','81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:09.4825766',NULL);
INSERT INTO Sessions VALUES('0BED387B-3B13-4544-BB79-C88CAF699D2B','D8251AE6-B634-4267-9637-530431920D8F','0D061F7E-61FF-4FB4-8892-8B45A9200D33','2026-10-05 14:00:00',1,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,'Crown and hairline','81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:09.9805683',NULL);
INSERT INTO Sessions VALUES('EA2A93C7-1904-4323-A30A-F40A3F7E4578','D8251AE6-B634-4267-9637-530431920D8F','0D061F7E-61FF-4FB4-8892-8B45A9200D33','2026-10-19 18:30:00',2,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,'Crown and hairline','81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:10.0637352',NULL);
INSERT INTO Sessions VALUES('8BDE4FA7-AD11-4BEE-A642-11930EBA41CE','D8251AE6-B634-4267-9637-530431920D8F','491945C0-3F52-4E40-B04A-19A4E34B8CE8','2026-11-20 14:15:00',1,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,'Crown and hairline','81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:10.2853643',NULL);
INSERT INTO Sessions VALUES('561F92A3-BD67-45AB-91B1-9FFB23C36EBB','D8251AE6-B634-4267-9637-530431920D8F','D2E9F05D-9625-4A98-B920-5927DFD864BF','2026-11-25 16:00:00',1,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,NULL,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:10.5262909',NULL);
INSERT INTO Sessions VALUES('B46C8604-9C92-478D-A6B2-89FDAD40804C','EBEAEB0A-8B21-4E45-AE98-DDB15E326342','3C0DE4E9-4C1E-48A3-90A1-5588266ADC4D','2026-11-25 11:00:00',1,'7a4cc4a3-f671-4905-b82b-0f06bec2b74a','Technician Northside',0,NULL,NULL,NULL,NULL,'CA696022-F71F-4467-ADB4-A6A1B5C23C64','2026-12-03 09:31:59.5324097',NULL);
INSERT INTO Sessions VALUES('296CD085-EA0F-475D-A98D-BDD43FA28554','D8251AE6-B634-4267-9637-530431920D8F','D2E9F05D-9625-4A98-B920-5927DFD864BF','2026-11-25 16:00:00',1,'c873091c-888e-49f8-bc67-c47346791904','Technician Harbor',0,NULL,NULL,NULL,NULL,'81D0992F-F78C-4EDB-9DB7-DB06F1EDEF7A','2026-12-03 09:32:10.5262909',NULL);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('ProtocolRules',30);
INSERT INTO sqlite_sequence VALUES('AuditEntries',48);
CREATE INDEX "IX_ApiKeys_ClinicId" ON "ApiKeys" ("ClinicId");
CREATE UNIQUE INDEX "IX_ApiKeys_Hash" ON "ApiKeys" ("Hash");
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE INDEX "IX_AspNetUsers_ClinicId" ON "AspNetUsers" ("ClinicId");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE INDEX "IX_AuditEntries_ClinicId_AtUtc" ON "AuditEntries" ("ClinicId", "AtUtc");
CREATE INDEX "IX_AuditEntries_ClinicId_ClientId" ON "AuditEntries" ("ClinicId", "ClientId");
CREATE INDEX "IX_ClientLinks_ClientId" ON "ClientLinks" ("ClientId");
CREATE INDEX "IX_ClientLinks_ClinicId_ClientId" ON "ClientLinks" ("ClinicId", "ClientId");
CREATE UNIQUE INDEX "IX_ClientLinks_TokenHash" ON "ClientLinks" ("TokenHash");
CREATE INDEX "IX_Clients_ClinicId_Email" ON "Clients" ("ClinicId", "Email");
CREATE INDEX "IX_Clients_ClinicId_Phone" ON "Clients" ("ClinicId", "Phone");
CREATE INDEX "IX_ProtocolRules_ProtocolVersionId" ON "ProtocolRules" ("ProtocolVersionId");
CREATE UNIQUE INDEX "IX_ProtocolVersions_ClinicId_Version" ON "ProtocolVersions" ("ClinicId", "Version");
CREATE UNIQUE INDEX "IX_Reminders_ClientId_Channel_Kind_AnnouncedDate" ON "Reminders" ("ClientId", "Channel", "Kind", "AnnouncedDate");
CREATE INDEX "IX_Reminders_ClinicId_Status_DueAtUtc" ON "Reminders" ("ClinicId", "Status", "DueAtUtc");
CREATE UNIQUE INDEX "IX_Reminders_OptOutToken" ON "Reminders" ("OptOutToken");
CREATE INDEX "IX_Reminders_Status_DueAtUtc" ON "Reminders" ("Status", "DueAtUtc");
CREATE INDEX "IX_Sessions_ClientId" ON "Sessions" ("ClientId");
CREATE INDEX "IX_Sessions_ClinicId_ClientId_StartsAtUtc" ON "Sessions" ("ClinicId", "ClientId", "StartsAtUtc");
CREATE INDEX "IX_Sessions_ProtocolVersionId" ON "Sessions" ("ProtocolVersionId");
CREATE INDEX "IX_Clients_ClinicId_FullName_Id_Email_Phone_ArchivedAtUtc" ON "Clients" ("ClinicId", "FullName", "Id", "Email", "Phone", "ArchivedAtUtc");
COMMIT;
