using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Invitations;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Where an invitation's link leads: the person accepts signed in with the account of the invited
/// address, or makes a new account with a password. The page says the same whether or not the
/// address has an account; only trying to make a second account for it tells, and that takes the link.
/// </summary>
[AllowAnonymous]
public sealed class InvitationModel(MamoriDatabase database, UserManager<MamoriUser> users, SignInManager<MamoriUser> signIn, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public AcceptInvitation.NewAccountRequest Account { get; set; } = new();

    public AcceptInvitation.Offer? Offer { get; private set; }

    /// <summary>The account signed in, if any.</summary>
    public MamoriUser? SignedIn { get; private set; }

    /// <summary>The signed-in account holds the invited address.</summary>
    public bool IsInvitedAccount => SignedIn is not null && Offer is not null && SignedIn.NormalizedEmail == InviteMember.Normalize(Offer.Email);

    public string SignInUrl => $"/account/signin?ReturnUrl={Uri.EscapeDataString($"/invitations/{Token}")}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotValid();

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotValid();
        }

        if (SignedIn is null)
        {
            return Redirect(SignInUrl);
        }

        var result = await AcceptInvitation.AsAccountAsync(database, time, Token, SignedIn, cancellationToken);
        return Answer(result);
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotValid();
        }

        if (SignedIn is not null)
        {
            // A new account is made signed out, so that it never mixes with the account in use.
            return Page();
        }

        var result = await AcceptInvitation.WithNewAccountAsync(database, time, users, Token, Account, cancellationToken);
        if (result is { Outcome: AcceptInvitation.Outcome.Accepted, User: { } user })
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        return Answer(result);
    }

    private IActionResult Answer(AcceptInvitation.Result result)
    {
        switch (result.Outcome)
        {
            case AcceptInvitation.Outcome.Accepted:
                TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, InvitationText.Joined, Offer!.OrganizationName);
                return Redirect($"/o/{Offer.OrganizationSlug}");
            case AcceptInvitation.Outcome.NotValid:
                return NotValid();
            case AcceptInvitation.Outcome.OtherAccount:
                ModelState.AddModelError("", InvitationText.OtherAccount);
                return Page();
            case AcceptInvitation.Outcome.AccountExists:
                ModelState.AddModelError("", InvitationText.AccountExists);
                return Page();
            default:
                foreach (var (field, messages) in result.Errors)
                {
                    messages.ForEach(m => ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Account)}.{field}", m));
                }

                return Page();
        }
    }

    /// <summary>One answer for a link that is unknown, spent, withdrawn or expired.</summary>
    private PageResult NotValid()
    {
        Offer = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Offer = await AcceptInvitation.FindAsync(database, Token, time.GetUtcNow(), cancellationToken);
        SignedIn = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        return Offer is not null;
    }
}
