namespace Reactivation.LocalOrg.Metadata;

/// <summary>
/// The standard (out-of-the-box) tables the product reads or writes, with the standard columns it uses
/// or that callers commonly set. Dataverse has far more columns on these tables; this catalogue is
/// deliberately small, so that a typo or a column the product should not touch fails in tests. Add a
/// column here (with the platform's logical name and type) when the product starts to use it.
/// <para>
/// The catalogue applies once a loaded solution declares tables (see <see cref="LocalOrganization.LoadSolution"/>):
/// a solution that declares contact or salesorder columns (Entity.xml with only the added columns, as an
/// export with root component behavior 2 has) gets them merged with these standard ones. Tables neither
/// declared nor catalogued stay permissive: any column can be written.
/// </para>
/// Choice values are the platform's defaults (e.g. salesorder statecode 0 Active, 1 Submitted, 2 Canceled,
/// 3 Fulfilled, 4 Invoiced); an organisation may add status reasons, which tests can add with
/// <see cref="LocalOrganization.DefineTable"/>.
/// </summary>
public static class StandardTables
{
    private static readonly string[] UserOrTeam = ["systemuser", "team"];
    private static readonly string[] AccountOrContact = ["account", "contact"];

    /// <summary>contact, salesorder, task, phonecall, activitypointer, activityparty, systemuser, team, organization.</summary>
    public static IReadOnlyList<TableDefinition> All { get; } =
    [
        Table("contact", "Contact", "contactid", false, UserOwned(Concat(
            [
                Text("firstname", 50), Text("middlename", 50), Text("lastname", 50), Text("fullname", 160),
                Text("nickname", 100), Text("salutation", 100), Text("jobtitle", 100),
                Text("emailaddress1", 100), Text("emailaddress2", 100), Text("emailaddress3", 100),
                Text("mobilephone", 50), Text("telephone1", 50), Text("telephone2", 50), Text("telephone3", 50),
                Date("birthdate"), Date("anniversary"),
                Choice("gendercode", 1, 2), Choice("familystatuscode", 1, 2, 3, 4),
                Choice("preferredcontactmethodcode", 1, 2, 3, 4, 5),
                Flag("donotphone"), Flag("donotemail"), Flag("donotbulkemail"), Flag("donotsendmm"),
                Flag("donotpostalmail"), Flag("donotfax"),
                new ColumnDefinition("parentcustomerid", ColumnType.Customer, Targets: AccountOrContact),
                Text("address1_line1", 250), Text("address1_city", 80), Text("address1_stateorprovince", 50),
                Text("address1_postalcode", 20), Text("address1_country", 80),
                // Minutes from UTC, as the platform's "UTC Offset" column stores it: the customer's time zone.
                new ColumnDefinition("address1_utcoffset", ColumnType.WholeNumber, MinValue: -1500, MaxValue: 1500),
                new ColumnDefinition("description", ColumnType.Memo, MaxLength: 2000),
                State(0, 1), Status(1, 2),
            ]))),
        Table("salesorder", "SalesOrder", "salesorderid", false, UserOwned(Concat(
            [
                Text("name", 300), Text("ordernumber", 100),
                new ColumnDefinition("customerid", ColumnType.Customer, Targets: AccountOrContact),
                Money("totalamount"), Money("totalamountlessfreight"), Money("totallineitemamount"),
                Money("discountamount"), Money("freightamount"), Money("totaltax"),
                Date("datefulfilled"), Date("submitdate"), Date("requestdeliveryby"),
                new ColumnDefinition("description", ColumnType.Memo, MaxLength: 2000),
                Lookup("pricelevelid", "pricelevel"), Lookup("opportunityid", "opportunity"), Lookup("quoteid", "quote"),
                // 0 Active, 1 Submitted, 2 Canceled, 3 Fulfilled, 4 Invoiced.
                State(0, 1, 2, 3, 4),
                // New, Pending (Active); In Progress (Submitted); No Money (Canceled); Complete, Partial (Fulfilled); Invoiced.
                Status(1, 2, 3, 4, 100001, 100002, 100003),
            ]))),
        Table("task", "Task", "activityid", true, Activity(
            [
                Text("subject", 200), Choice("prioritycode", 0, 1, 2),
                new ColumnDefinition("percentcomplete", ColumnType.WholeNumber, MinValue: 0, MaxValue: 100),
                Text("category", 250), Text("subcategory", 250),
                State(0, 1, 2), Status(2, 3, 4, 5, 6, 7),
            ])),
        Table("phonecall", "PhoneCall", "activityid", true, Activity(
            [
                Text("subject", 200), Choice("prioritycode", 0, 1, 2), Text("phonenumber", 200),
                Flag("directioncode"), Flag("leftvoicemail"),
                new ColumnDefinition("from", ColumnType.PartyList), new ColumnDefinition("to", ColumnType.PartyList),
                Text("category", 250), Text("subcategory", 250),
                State(0, 1, 2), Status(1, 2, 3, 4),
            ])),
        Table("activitypointer", "ActivityPointer", "activityid", true, Activity(
            [
                Text("subject", 400), Choice("prioritycode", 0, 1, 2),
                State(0, 1, 2, 3),
                new ColumnDefinition("statuscode", ColumnType.Status),
            ])),
        Table("activityparty", "ActivityParty", "activitypartyid", false, Concat(
            [
                new ColumnDefinition("activitypartyid", ColumnType.PrimaryKey),
                Lookup("activityid", "activitypointer"),
                new ColumnDefinition("partyid", ColumnType.Lookup),
                Choice("participationtypemask", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
                Text("addressused", 200), Flag("ispartydeleted"),
                new ColumnDefinition("versionnumber", ColumnType.BigInt),
            ])),
        Table("systemuser", "SystemUser", "systemuserid", false, Concat(
            [
                new ColumnDefinition("systemuserid", ColumnType.PrimaryKey),
                Text("fullname", 200), Text("firstname", 64), Text("lastname", 64), Text("internalemailaddress", 100),
                Text("domainname", 1024), Text("title", 128), Text("mobilephone", 64),
                Lookup("businessunitid", "businessunit"), Flag("isdisabled"),
                Lookup("createdby", "systemuser"), Date("createdon"), Lookup("modifiedby", "systemuser"), Date("modifiedon"),
                new ColumnDefinition("versionnumber", ColumnType.BigInt),
            ])),
        Table("team", "Team", "teamid", false, Concat(
            [
                new ColumnDefinition("teamid", ColumnType.PrimaryKey),
                Text("name", 160), Choice("teamtype", 0, 1, 2, 3), Lookup("businessunitid", "businessunit"),
                Lookup("administratorid", "systemuser"), new ColumnDefinition("description", ColumnType.Memo, MaxLength: 2000),
                Flag("isdefault"),
                Lookup("createdby", "systemuser"), Date("createdon"), Lookup("modifiedby", "systemuser"), Date("modifiedon"),
                new ColumnDefinition("versionnumber", ColumnType.BigInt),
            ])),
        // One row per environment; its base currency is what money columns' _base values are in.
        Table("organization", "Organization", "organizationid", false, Concat(
            [
                new ColumnDefinition("organizationid", ColumnType.PrimaryKey),
                Text("name", 160), Lookup("basecurrencyid", "transactioncurrency"),
                Lookup("createdby", "systemuser"), Date("createdon"), Lookup("modifiedby", "systemuser"), Date("modifiedon"),
                new ColumnDefinition("versionnumber", ColumnType.BigInt),
            ])),
    ];

    /// <summary>The catalogue entry for a table, or null.</summary>
    public static TableDefinition? Find(string logicalName) =>
        All.FirstOrDefault(t => string.Equals(t.LogicalName, logicalName, StringComparison.Ordinal));

    /// <summary>
    /// Columns every user-owned table has (what a real export lists for a custom table), plus the ones the
    /// platform adds itself: versionnumber, and the currency columns a table with a money column gets.
    /// </summary>
    public static IEnumerable<ColumnDefinition> UserOwnedSystemColumns() =>
    [
        Lookup("createdby", "systemuser"), Date("createdon"), Lookup("createdonbehalfby", "systemuser"),
        Lookup("modifiedby", "systemuser"), Date("modifiedon"), Lookup("modifiedonbehalfby", "systemuser"),
        Date("overriddencreatedon"), new ColumnDefinition("importsequencenumber", ColumnType.WholeNumber),
        new ColumnDefinition("ownerid", ColumnType.Owner, Targets: UserOrTeam),
        Lookup("owningbusinessunit", "businessunit"), Lookup("owningteam", "team"), Lookup("owninguser", "systemuser"),
        new ColumnDefinition("timezoneruleversionnumber", ColumnType.WholeNumber), new ColumnDefinition("utcconversiontimezonecode", ColumnType.WholeNumber),
        new ColumnDefinition("versionnumber", ColumnType.BigInt),
        Lookup("transactioncurrencyid", "transactioncurrency"), new ColumnDefinition("exchangerate", ColumnType.DecimalNumber),
    ];

    /// <summary>The columns every activity table shares (activitypointer's), the table's own added on top.</summary>
    public static IEnumerable<ColumnDefinition> ActivityColumns() =>
    [
        new ColumnDefinition("activityid", ColumnType.PrimaryKey),
        new ColumnDefinition("description", ColumnType.Memo, MaxLength: 2000),
        new ColumnDefinition("regardingobjectid", ColumnType.Lookup),
        Date("scheduledstart"), Date("scheduledend"), Date("actualstart"), Date("actualend"),
        new ColumnDefinition("scheduleddurationminutes", ColumnType.WholeNumber), new ColumnDefinition("actualdurationminutes", ColumnType.WholeNumber),
        new ColumnDefinition("activitytypecode", ColumnType.EntityName), Flag("isregularactivity"), Flag("isworkflowcreated"),
    ];

    private static Dictionary<string, ColumnDefinition> Activity(IEnumerable<ColumnDefinition> own) =>
        UserOwned(Concat(ActivityColumns().Concat(own)));

    private static Dictionary<string, ColumnDefinition> UserOwned(Dictionary<string, ColumnDefinition> own)
    {
        foreach (var column in UserOwnedSystemColumns())
        {
            own.TryAdd(column.LogicalName, column);
        }

        return own;
    }

    private static Dictionary<string, ColumnDefinition> Concat(IEnumerable<ColumnDefinition> columns)
    {
        var result = new Dictionary<string, ColumnDefinition>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            // Later entries win: a table's own definition overrides the shared one (e.g. subject length).
            result[column.LogicalName] = column;
        }

        return result;
    }

    private static TableDefinition Table(string logicalName, string schemaName, string primaryId, bool isActivity, Dictionary<string, ColumnDefinition> columns)
    {
        columns.TryAdd(primaryId, new ColumnDefinition(primaryId, ColumnType.PrimaryKey));
        return new TableDefinition(logicalName, schemaName, primaryId, isActivity, columns, []);
    }

    private static ColumnDefinition Text(string name, int maxLength) => new(name, ColumnType.Text, MaxLength: maxLength);

    private static ColumnDefinition Date(string name) => new(name, ColumnType.DateTime);

    private static ColumnDefinition Flag(string name) => new(name, ColumnType.Boolean);

    private static ColumnDefinition Money(string name) => new(name, ColumnType.Money);

    private static ColumnDefinition Lookup(string name, string target) => new(name, ColumnType.Lookup, Targets: [target]);

    private static ColumnDefinition Choice(string name, params int[] values) => new(name, ColumnType.Choice, OptionValues: values);

    private static ColumnDefinition State(params int[] values) => new("statecode", ColumnType.State, OptionValues: values);

    private static ColumnDefinition Status(params int[] values) => new("statuscode", ColumnType.Status, OptionValues: values);
}
