using System.Security.Claims;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Account;

/// <summary>Personal access tokens for the REST API: created (shown once), listed, revoked.</summary>
public sealed class TokensModel(MamoriDb db, TimeProvider time) : PageModel
{
    public IReadOnlyList<PersonalAccessToken> Tokens { get; private set; } = [];

    public DateTimeOffset Now => time.GetUtcNow();

    public string? NewToken { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int? Days { get; set; } = 90;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), AccountText.Required);
        }

        if (Days is not (>= 1 and <= 365))
        {
            ModelState.AddModelError(nameof(Days), AccountText.TokenDaysInvalid);
        }

        if (ModelState.IsValid)
        {
            var (token, hash) = PersonalAccessToken.Generate();
            db.PersonalAccessTokens.Add(new PersonalAccessToken(UserId, Name!.Trim(), hash, token[..12], Now, Now.AddDays(Days!.Value)));
            await db.SaveChangesAsync();
            NewToken = token;
            Name = null;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == UserId);
        if (token is null)
        {
            return NotFound();
        }

        token.RevokedAt = Now;
        await db.SaveChangesAsync();
        TempData["Flash"] = AccountText.TokenRevoked;
        return RedirectToPage();
    }

    // Sorted here: SQLite cannot order by a DateTimeOffset, and a user has few tokens.
    private async Task LoadAsync() =>
        Tokens = (await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == UserId).ToListAsync())
            .OrderByDescending(t => t.CreatedAt).ToList();
}
