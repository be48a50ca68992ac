import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      scope text NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contact_type text NOT NULL DEFAULT 'Member',
      email text,
      mobile_phone text,
      member_number text,
      external_id text,
      social_security_number text,
      card_id text,
      first_name text,
      last_name text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX contacts_email ON contacts (lower(email));
    CREATE INDEX contacts_mobile_phone ON contacts (mobile_phone);
    CREATE INDEX contacts_member_number ON contacts (member_number);
    CREATE INDEX contacts_external_id ON contacts (external_id);
    CREATE INDEX contacts_ssn ON contacts (social_security_number);
    CREATE INDEX contacts_card_id ON contacts (card_id);

    CREATE TABLE stores (
      external_id text PRIMARY KEY,
      name text NOT NULL,
      time_zone text NOT NULL,
      type text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE articles (
      sku text PRIMARY KEY,
      number text NOT NULL,
      name text NOT NULL,
      main_category text NOT NULL,
      brand text,
      color text,
      size text,
      product_category text,
      sub_category text,
      age_group text,
      gender text,
      season text,
      document jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE orders (
      order_id text PRIMARY KEY,
      contact_id uuid,
      version_tag text NOT NULL,
      content_hash text NOT NULL,
      document jsonb NOT NULL,
      order_type text NOT NULL,
      status text NOT NULL,
      store_external_id text NOT NULL,
      match_key_type text NOT NULL,
      match_key text NOT NULL,
      contact_type text,
      created_at timestamptz NOT NULL,
      processed_at timestamptz NOT NULL
    );
    CREATE INDEX orders_contact ON orders (contact_id, created_at DESC);
    CREATE INDEX orders_unlinked ON orders (match_key_type, match_key) WHERE contact_id IS NULL;

    CREATE TABLE order_versions (
      id bigserial PRIMARY KEY,
      order_id text NOT NULL,
      version_tag text NOT NULL,
      operation text NOT NULL,
      job_id uuid NOT NULL,
      document jsonb NOT NULL,
      changes jsonb NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX order_versions_order ON order_versions (order_id, id DESC);

    CREATE TABLE jobs (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      order_id text NOT NULL,
      operation text NOT NULL,
      status text NOT NULL CHECK (status IN ('Pending', 'Processing', 'Succeeded', 'Failed')),
      payload jsonb,
      if_match text,
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      accepted_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      version_tag text,
      error_code text,
      errors jsonb
    );
    -- Claiming scans only open jobs; the per-order index finds an order's earlier jobs.
    -- Few indexes on purpose: every job row is updated twice (claim, finish).
    CREATE INDEX jobs_open ON jobs (seq) WHERE status IN ('Pending', 'Processing');
    CREATE INDEX jobs_order ON jobs (order_id, seq);

    CREATE TABLE action_events (
      id uuid PRIMARY KEY,
      order_id text NOT NULL,
      version_tag text NOT NULL,
      action text NOT NULL,
      language text,
      data jsonb,
      contact_id uuid,
      job_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX action_events_order ON action_events (order_id, created_at DESC);

    CREATE TABLE integration_log (
      id bigserial PRIMARY KEY,
      type text NOT NULL,
      severity text NOT NULL,
      error_code text NOT NULL,
      message text NOT NULL,
      order_id text,
      job_id uuid,
      version_tag text,
      ref_key text NOT NULL DEFAULT '',
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    );
    -- One entry per missing reference per order version, however often a job is retried.
    CREATE UNIQUE INDEX integration_log_once
      ON integration_log (type, error_code, coalesce(order_id, ''), coalesce(version_tag, ''), ref_key);
    CREATE INDEX integration_log_created ON integration_log (created_at DESC);
    CREATE INDEX integration_log_open ON integration_log (error_code, ref_key) WHERE resolved_at IS NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The core schema is not reversible');
}
