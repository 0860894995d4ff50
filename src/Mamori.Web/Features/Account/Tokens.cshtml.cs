using System.Security.Claims;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features;
using Mamori.Features.Accounts;
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
        var result = await CreateAccessToken.HandleAsync(db, UserId, new(Name, Days), Now);
        if (result.Status == SaveStatus.Saved)
        {
            NewToken = result.Token;
            Name = null;
        }

        foreach (var (field, messages) in result.Errors)
        {
            messages.ForEach(m => ModelState.AddModelError(field, m));
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (await RevokeAccessToken.HandleAsync(db, UserId, id, Now) == SaveStatus.NotFound)
        {
            return NotFound();
        }

        TempData["Flash"] = AccountText.TokenRevoked;
        return RedirectToPage();
    }

    // Sorted here: SQLite cannot order by a DateTimeOffset, and a user has few tokens.
    private async Task LoadAsync() =>
        Tokens = (await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == UserId).ToListAsync())
            .OrderByDescending(t => t.CreatedAt).ToList();
}
