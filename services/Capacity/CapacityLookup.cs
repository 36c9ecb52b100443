using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ReferralNet.Messaging.Data;
using ReferralNet.Referrals;
using ReferralNet.ServiceDefaults.Identity;

namespace ReferralNet.Capacity;

/// <summary>
/// The gRPC capacity lookup of LegalAid, Medical and Vocational, written once. Their protos name
/// things in their own words (case_type, service, kind; open_capacity, open_appointments,
/// open_seats) on one shape, which this reads and fills by field number:
/// the request is 1 code, 2 area, 3 language (empty for any); the reply's field 1 lists offerings of
/// 1 organisation_id, 2 organisation_name, 3 area, 4 languages, 5 short code, 6 service_code,
/// 7 name, 8 open units, 9 intake (1 name, 2 phone, 3 email).
/// </summary>
public sealed class CapacityLookup(ReferralNetDbContext db, OrganisationDirectory directory, CapacityTerms terms)
{
    /// <summary>
    /// Answers <paramref name="request"/> with every offering that has open capacity and matches
    /// each filter set; an unknown code is <see cref="StatusCode.InvalidArgument"/> listing the valid ones.
    /// </summary>
    /// <exception cref="InvalidOperationException">The proto's messages do not have the shape above.</exception>
    public async Task<TReply> AnswerAsync<TReply>(IMessage request, ServerCallContext context) where TReply : IMessage<TReply>, new()
    {
        string Filter(int number) => (string)Field(request.Descriptor, number, FieldType.String).Accessor.GetValue(request);
        var code = Filter(1);
        if (code.Length > 0 && terms.Check(code) is { } invalid)
            throw new RpcException(new Status(StatusCode.InvalidArgument, invalid));

        var (area, language) = (Filter(2), Filter(3));
        if (LookupFilters.Check(area, ref language) is { } badFilter)
            throw new RpcException(new Status(StatusCode.InvalidArgument, badFilter));

        var reply = new TReply();
        var list = Field(reply.Descriptor, 1, FieldType.Message, repeated: true);
        var offerings = (IList)list.Accessor.GetValue(reply);
        foreach (var open in await FindOpenAsync(code, area, language, context.CancellationToken))
            offerings.Add(Describe(list.MessageType, open));
        return reply;
    }

    /// <summary>
    /// Offerings with at least one open unit that match every filter set (empty means any):
    /// a code (short or full), the organisation's area, a language. Ordered by area, organisation, code.
    /// The code has been checked (<see cref="CapacityTerms.Check"/>).
    /// </summary>
    async Task<IReadOnlyList<OpenOffering>> FindOpenAsync(string code, string area, string language, CancellationToken ct)
    {
        var query = db.Set<Offering>().AsNoTracking().Where(o => o.InUse < o.Total);
        if (code.Length > 0)
        {
            var service = terms.ServiceOf(code);
            query = query.Where(o => o.Service == service);
        }
        var offerings = await query.ToListAsync(ct);
        return offerings
            .Where(o => language.Length == 0 || o.Languages.Contains(language))
            .Select(o => directory.Find(o.OrganisationId) is { } organisation ? new OpenOffering(o, organisation) : null)
            .OfType<OpenOffering>()
            .Where(o => area.Length == 0 || o.Organisation.Area == area)
            .OrderBy(o => o.Organisation.Area, StringComparer.Ordinal)
            .ThenBy(o => o.Organisation.Name, StringComparer.Ordinal)
            .ThenBy(o => o.Offering.Service, StringComparer.Ordinal)
            .ToList();
    }

    IMessage Describe(MessageDescriptor type, OpenOffering open)
    {
        var (offering, organisation) = open;
        var item = type.Parser.ParseFrom(ByteString.Empty);
        Set(item, 1, organisation.Id);
        Set(item, 2, organisation.Name);
        Set(item, 3, organisation.Area);
        var languages = (IList)Field(type, 4, FieldType.String, repeated: true).Accessor.GetValue(item);
        foreach (var language in offering.Languages)
            languages.Add(language);
        Set(item, 5, terms.CodeOf(offering.Service));
        Set(item, 6, offering.Service);
        Set(item, 7, offering.Name);
        Field(type, 8, FieldType.Int32).Accessor.SetValue(item, offering.Open);

        var intakeField = Field(type, 9, FieldType.Message);
        var intake = intakeField.MessageType.Parser.ParseFrom(ByteString.Empty);
        Set(intake, 1, offering.IntakeName);
        Set(intake, 2, offering.IntakePhone);
        Set(intake, 3, offering.IntakeEmail);
        intakeField.Accessor.SetValue(item, intake);
        return item;
    }

    static void Set(IMessage message, int number, string value) =>
        Field(message.Descriptor, number, FieldType.String).Accessor.SetValue(message, value);

    static FieldDescriptor Field(MessageDescriptor type, int number, FieldType expected, bool repeated = false) =>
        type.FindFieldByNumber(number) is { } field && field.FieldType == expected && field.IsRepeated == repeated
            ? field
            : throw new InvalidOperationException(
                $"{type.FullName} field {number} is not a{(repeated ? " repeated" : "")} {expected} field: a capacity lookup's proto must keep the shape CapacityLookup documents");
}
