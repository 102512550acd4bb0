import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795560189669 implements MigrationInterface {
  name = 'Initial1795560189669';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('admin', 'user')`);
    await queryRunner.query(
      `CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" "public"."user_role" NOT NULL DEFAULT 'user', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_56a0e4bcec2b5411beafa47ffa5" UNIQUE ("email"), CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "api_credential" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "label" character varying(100) NOT NULL, "api_key_encrypted" text NOT NULL, "api_secret_encrypted" text NOT NULL, "api_key_hint" character varying(16) NOT NULL, "testnet" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7840de8cb399e7ad548703fa808" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5b1bb2beee236dffec39bfd0aa" ON "api_credential"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."bot_status" AS ENUM('stopped', 'pending', 'running', 'paused', 'error')`,
    );
    await queryRunner.query(
      `CREATE TABLE "bot_state" ("id" uuid NOT NULL, "status" "public"."bot_status" NOT NULL DEFAULT 'stopped', "status_reason" text, "pending_order_id" uuid, "in_position" boolean NOT NULL DEFAULT false, "position_qty" numeric, "entry_price" numeric, "entry_time" TIMESTAMP WITH TIME ZONE, "entry_cost_quote" numeric, "trailing_high" numeric, "stop_loss_price" numeric, "take_profit_price" numeric, "daily_date" date, "daily_trades" integer NOT NULL DEFAULT '0', "daily_realized_pnl" numeric NOT NULL DEFAULT '0', "quote_balance" numeric, "base_balance" numeric, "last_signal" jsonb, "last_decision" text, "last_error" text, "last_tick_at" TIMESTAMP WITH TIME ZONE, "last_slot" bigint, "ticks_skipped" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fdd736e5b3ba6208291987186a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."bot_mode" AS ENUM('paper', 'live')`);
    await queryRunner.query(
      `CREATE TABLE "bot_config" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "symbol" character varying(20) NOT NULL, "interval" character varying(3) NOT NULL, "mode" "public"."bot_mode" NOT NULL, "credential_id" uuid, "strategy" character varying(50) NOT NULL, "strategy_params" jsonb NOT NULL, "position_size_quote" numeric NOT NULL, "stop_loss_pct" numeric, "take_profit_pct" numeric, "trailing_stop_pct" numeric, "max_daily_trades" integer, "daily_loss_limit_quote" numeric, "daily_profit_target_quote" numeric, "paper_initial_balance_quote" numeric NOT NULL, "paper_fee_rate" numeric NOT NULL, "paper_slippage_bps" numeric NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9888df6bc8ce0c8b9b483dbcb7a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bedbd239d86bd9c5248d38a1a6" ON "bot_config"  ("user_id") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."order_side" AS ENUM('BUY', 'SELL')`);
    await queryRunner.query(
      `CREATE TYPE "public"."exit_reason" AS ENUM('signal', 'stop_loss', 'take_profit', 'trailing_stop', 'manual')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."order_status" AS ENUM('SENDING', 'FILLED', 'REJECTED', 'EXPIRED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bot_id" uuid NOT NULL, "client_order_id" character varying(36) NOT NULL, "symbol" character varying(20) NOT NULL, "side" "public"."order_side" NOT NULL, "ref_price" numeric, "slot" bigint NOT NULL, "reason" "public"."exit_reason", "mode" "public"."bot_mode" NOT NULL, "status" "public"."order_status" NOT NULL, "requested_qty" numeric, "requested_quote_qty" numeric, "exchange_order_id" character varying(64), "executed_qty" numeric, "avg_price" numeric, "commission" numeric, "commission_asset" character varying(16), "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_b2a984204b7f21feacc936efab5" UNIQUE ("client_order_id"), CONSTRAINT "PK_1031171c13130102495201e3e20" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_60a0ac284794277eaffa478a30" ON "order"  ("bot_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "trade" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bot_id" uuid NOT NULL, "order_id" uuid, "symbol" character varying(20) NOT NULL, "side" "public"."order_side" NOT NULL, "reason" "public"."exit_reason", "mode" "public"."bot_mode" NOT NULL, "price" numeric NOT NULL, "qty" numeric NOT NULL, "quote_qty" numeric NOT NULL, "fee" numeric NOT NULL, "fee_asset" character varying(16) NOT NULL, "pnl" numeric, "time" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_88e5266e7b5b3a4ef9d5e349a71" UNIQUE ("order_id"), CONSTRAINT "PK_d4097908741dc408f8274ebdc53" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2bbbff9449766ece46198abc20" ON "trade"  ("bot_id", "time") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."notification_channel_type" AS ENUM('email', 'webhook')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_channel" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "type" "public"."notification_channel_type" NOT NULL, "email_to" character varying(254), "url" character varying(2048), "secret_encrypted" text, "secret_hint" character varying(16), "events" text array NOT NULL, "bot_ids" uuid array, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" text, "consecutive_failures" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_50b36f3daa5dd86f7e707740b23" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5e3ba9133376b95b40aa4f037a" ON "notification_channel"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."notification_delivery_status" AS ENUM('pending', 'succeeded', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "channel_id" uuid NOT NULL, "event_type" character varying(40) NOT NULL, "test" boolean NOT NULL DEFAULT false, "body" text NOT NULL, "status" "public"."notification_delivery_status" NOT NULL DEFAULT 'pending', "attempt_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_70bb3163130b0d5595c272fe4dc" UNIQUE ("event_id", "channel_id"), CONSTRAINT "PK_109dea88c25343da49d86de6bfd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_84138965b7ea0c924bc5a56ef1" ON "notification_delivery"  ("channel_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."notification_attempt_status" AS ENUM('succeeded', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "status" "public"."notification_attempt_status" NOT NULL, "response_code" integer, "error" text, "duration_ms" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f77a48c4e0332fdb9a5e6c7473d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_00d472bd8aa557c46e7e0107be" ON "notification_attempt"  ("delivery_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_credential" ADD CONSTRAINT "FK_5b1bb2beee236dffec39bfd0aab" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_state" ADD CONSTRAINT "FK_fdd736e5b3ba6208291987186a8" FOREIGN KEY ("id") REFERENCES "bot_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_config" ADD CONSTRAINT "FK_bedbd239d86bd9c5248d38a1a69" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_config" ADD CONSTRAINT "FK_800e543cba540531b80b4a40ae4" FOREIGN KEY ("credential_id") REFERENCES "api_credential"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "order" ADD CONSTRAINT "FK_f76f07f2d87181e72aae2ec8621" FOREIGN KEY ("bot_id") REFERENCES "bot_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trade" ADD CONSTRAINT "FK_c0c7ec400d74dcb86b377b84b64" FOREIGN KEY ("bot_id") REFERENCES "bot_config"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trade" ADD CONSTRAINT "FK_88e5266e7b5b3a4ef9d5e349a71" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_channel" ADD CONSTRAINT "FK_5e3ba9133376b95b40aa4f037aa" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_delivery" ADD CONSTRAINT "FK_d5af4b90cf861341dbc940eae6f" FOREIGN KEY ("channel_id") REFERENCES "notification_channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_attempt" ADD CONSTRAINT "FK_00d472bd8aa557c46e7e0107bee" FOREIGN KEY ("delivery_id") REFERENCES "notification_delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_attempt" DROP CONSTRAINT "FK_00d472bd8aa557c46e7e0107bee"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_delivery" DROP CONSTRAINT "FK_d5af4b90cf861341dbc940eae6f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_channel" DROP CONSTRAINT "FK_5e3ba9133376b95b40aa4f037aa"`,
    );
    await queryRunner.query(`ALTER TABLE "trade" DROP CONSTRAINT "FK_88e5266e7b5b3a4ef9d5e349a71"`);
    await queryRunner.query(`ALTER TABLE "trade" DROP CONSTRAINT "FK_c0c7ec400d74dcb86b377b84b64"`);
    await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_f76f07f2d87181e72aae2ec8621"`);
    await queryRunner.query(
      `ALTER TABLE "bot_config" DROP CONSTRAINT "FK_800e543cba540531b80b4a40ae4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_config" DROP CONSTRAINT "FK_bedbd239d86bd9c5248d38a1a69"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bot_state" DROP CONSTRAINT "FK_fdd736e5b3ba6208291987186a8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_credential" DROP CONSTRAINT "FK_5b1bb2beee236dffec39bfd0aab"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_00d472bd8aa557c46e7e0107be"`);
    await queryRunner.query(`DROP TABLE "notification_attempt"`);
    await queryRunner.query(`DROP TYPE "public"."notification_attempt_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_84138965b7ea0c924bc5a56ef1"`);
    await queryRunner.query(`DROP TABLE "notification_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."notification_delivery_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5e3ba9133376b95b40aa4f037a"`);
    await queryRunner.query(`DROP TABLE "notification_channel"`);
    await queryRunner.query(`DROP TYPE "public"."notification_channel_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2bbbff9449766ece46198abc20"`);
    await queryRunner.query(`DROP TABLE "trade"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_60a0ac284794277eaffa478a30"`);
    await queryRunner.query(`DROP TABLE "order"`);
    await queryRunner.query(`DROP TYPE "public"."order_status"`);
    await queryRunner.query(`DROP TYPE "public"."exit_reason"`);
    await queryRunner.query(`DROP TYPE "public"."order_side"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bedbd239d86bd9c5248d38a1a6"`);
    await queryRunner.query(`DROP TABLE "bot_config"`);
    await queryRunner.query(`DROP TYPE "public"."bot_mode"`);
    await queryRunner.query(`DROP TABLE "bot_state"`);
    await queryRunner.query(`DROP TYPE "public"."bot_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5b1bb2beee236dffec39bfd0aa"`);
    await queryRunner.query(`DROP TABLE "api_credential"`);
    await queryRunner.query(`DROP TABLE "user_account"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
  }
}
