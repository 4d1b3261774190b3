// The administration overview: what needs an administrator now (changes waiting for a second
// administrator, break-glass grants running or waiting for review), the users, and where the
// audit trail and the data loads are.
import { api } from "../../api.ts";
import { Async } from "../../components/states.tsx";
import { fmtInt } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { AdminPage } from "./admin-parts.tsx";

function Card({ title, href, children }: { title: string; href: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-card nhsuk-card--clickable bevan-admin-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">
          <a
            className="nhsuk-card__link"
            href={href}
            onClick={(e) => {
              e.preventDefault();
              navigate(href);
            }}
          >
            {title}
          </a>
        </h2>
        <div className="nhsuk-card__description">{children}</div>
      </div>
    </div>
  );
}

export function AdminHomePage({ me }: PageProps) {
  const manages = can(me, "users:manage");
  const summary = useData(async () => {
    if (!manages) return null;
    const [users, requests, grants] = await Promise.all([
      api.adminUsers(),
      api.accessRequests("pending"),
      api.breakGlassGrants(),
    ]);
    return {
      users: users.users.length,
      disabled: users.users.filter((u) => u.disabled).length,
      pending: requests.requests.length,
      mineToDecide: requests.requests.filter(
        (r) => r.requestedBy !== me.username && r.username !== me.username,
      ).length,
      active: grants.grants.filter((g) => g.active).length,
      unreviewed: grants.grants.filter((g) => !g.reviewedAt).length,
    };
  }, [manages]);
  return (
    <AdminPage
      me={me}
      contents={false}
      title="Administration"
      lede="Users and what they may see, changes waiting for a second administrator, emergency access, the audit trail and the data loads."
    >
      <Async data={summary} what="the administration summary">
        {(s) => (
          <div className="bevan-admin-cards">
            {s && (
              <>
                <Card title="Users" href="/admin/users">
                  <p>
                    {fmtInt(s.users)} users, {fmtInt(s.disabled)} disabled. Add users, change their role and
                    scopes, disable them.
                  </p>
                </Card>
                <Card title="Approvals and break-glass" href="/admin/access">
                  <p data-testid="admin-pending">
                    {s.pending === 0
                      ? "No change is waiting for approval."
                      : `${fmtInt(s.pending)} ${s.pending === 1 ? "change is" : "changes are"} waiting for a second administrator (${fmtInt(s.mineToDecide)} for you to decide).`}
                  </p>
                  <p>
                    {s.active > 0 && (
                      <strong className="nhsuk-tag nhsuk-tag--red">
                        {fmtInt(s.active)} break-glass active
                      </strong>
                    )}{" "}
                    {s.unreviewed === 0
                      ? "Every break-glass grant has been reviewed."
                      : `${fmtInt(s.unreviewed)} break-glass ${s.unreviewed === 1 ? "grant is" : "grants are"} waiting for review.`}
                  </p>
                </Card>
                <Card title="Roles and purposes" href="/admin/roles">
                  <p>
                    What each role is for (direct care, or planning and commissioning) and what it may see.
                  </p>
                </Card>
              </>
            )}
            {can(me, "audit:read") && (
              <Card title="Audit trail" href="/admin/audit">
                <p>
                  Who did what and when: sign-ins, patient records read, changes. Verify it has not been
                  altered.
                </p>
              </Card>
            )}
            {can(me, "data-quality:read") && (
              <Card title="Data loads and quality" href="/data-status">
                <p>The last load, rows quarantined and why, and the warehouse's tables.</p>
              </Card>
            )}
          </div>
        )}
      </Async>
    </AdminPage>
  );
}
