using Mamori.Domain.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>The roles table (役職名 / 役割と責任 / 担当者) the documents print and fill in.</summary>
public sealed class RolesModel : OrganizationPage
{
    public sealed class Row
    {
        public Guid? Id { get; set; }

        public string? Title { get; set; }

        public string? Responsibility { get; set; }

        public string? Holders { get; set; }

        public string? Key { get; set; }

        public bool Remove { get; set; }
    }

    [BindProperty]
    public List<Row> Rows { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Rows = (await Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken))
            .Select(r => new Row { Id = r.Id, Title = r.Title, Responsibility = r.Responsibility, Holders = r.Holders, Key = r.Key })
            .ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var existing = await Db.PolicyRoles.ToDictionaryAsync(r => r.Id, cancellationToken);
        var order = 0;
        foreach (var row in Rows)
        {
            var title = (row.Title ?? "").Trim();
            if (row.Id is { } id && existing.TryGetValue(id, out var role))
            {
                if (row.Remove || title.Length == 0)
                {
                    Db.PolicyRoles.Remove(role);
                    continue;
                }

                role.Title = title;
                role.Responsibility = (row.Responsibility ?? "").Trim();
                role.Holders = (row.Holders ?? "").Trim();
                role.Key = (row.Key ?? "").Trim();
                role.Order = ++order;
            }
            else if (title.Length > 0)
            {
                Db.PolicyRoles.Add(new PolicyRole(Organization.Id, title, (row.Responsibility ?? "").Trim(), ++order)
                {
                    Holders = (row.Holders ?? "").Trim(),
                    Key = (row.Key ?? "").Trim(),
                });
            }
        }

        await Db.SaveChangesAsync(cancellationToken);
        Flash(PolicyText.RolesSaved);
        return Redirect($"{Base}/policy/roles");
    }
}
