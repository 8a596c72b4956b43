#!/usr/bin/perl
# Run by 40-rt.sh: queue, custom fields, rights and a REST2 token for the submission tests, through
# RT's own Perl API (REST2 cannot create tokens). Idempotent: each object is loaded first and only
# created or changed when missing. Argument: the file that holds the token (written 0600).
use strict;
use warnings;
use RT;
RT::LoadConfig();
RT::Init();

my $token_file = shift or die "usage: $0 TOKEN_FILE\n";
my $system = RT->SystemUser;

sub check { my ($ok, $msg, $what) = @_; die "RT setup: $what: $msg\n" unless $ok; }

my $queue = RT::Queue->new($system);
$queue->Load('Support-L1');
unless ($queue->Id) {
    my ($ok, $msg) = $queue->Create(
        Name              => 'Support-L1',
        Description       => 'casepack tests: Level 1 support',
        CorrespondAddress => 'support@localhost',
        CommentAddress    => 'support-comment@localhost',
    );
    check($ok, $msg, 'create queue Support-L1');
}

# name => [type, max values, values]
my %fields = (
    'Severity'        => ['Select',   1, [qw(P1 P2 P3 P4)]],
    'Case Type'       => ['Select',   1, [qw(question enhancement product-error unexpected-behavior performance)]],
    'Product Version' => ['Freeform', 1, []],
    'Platform'        => ['Freeform', 1, []],
);
for my $name (sort keys %fields) {
    my ($type, $max, $values) = @{ $fields{$name} };
    my $cf = RT::CustomField->new($system);
    $cf->LoadByName(Name => $name, LookupType => 'RT::Queue-RT::Ticket');
    unless ($cf->Id) {
        my ($ok, $msg) = $cf->Create(
            Name       => $name,
            Type       => $type,
            MaxValues  => $max,
            LookupType => 'RT::Queue-RT::Ticket',
        );
        check($ok, $msg, "create custom field $name");
    }
    unless ($cf->IsAdded($queue->Id)) {
        my ($ok, $msg) = $cf->AddToObject($queue);
        check($ok, $msg, "apply custom field $name to Support-L1");
    }
    my %have = map { $_->Name => 1 } @{ $cf->Values->ItemsArrayRef };
    my $sort = 0;
    for my $v (@$values) {
        $sort++;
        next if $have{$v};
        my ($ok, $msg) = $cf->AddValue(Name => $v, SortOrder => $sort);
        check($ok, $msg, "add value $v to $name");
    }
}

# Mail from unknown senders (rt-mailgate) may open, reply to and comment on tickets in the queue.
my $everyone = RT::Group->new($system);
$everyone->LoadSystemInternalGroup('Everyone');
for my $right (qw(CreateTicket ReplyToTicket CommentOnTicket SeeQueue)) {
    next if $everyone->PrincipalObj->HasRight(Right => $right, Object => $queue);
    my ($ok, $msg) = $everyone->PrincipalObj->GrantRight(Right => $right, Object => $queue);
    check($ok, $msg, "grant $right to Everyone");
}

# The REST2 token for root: keep a working one, else create a new one.
my $root = RT::CurrentUser->new;
$root->Load('root');
die "RT setup: no root user\n" unless $root->Id;
my $valid = 0;
if (-s $token_file) {
    open my $fh, '<', $token_file or die "RT setup: cannot read $token_file: $!\n";
    my $auth = <$fh>;
    close $fh;
    chomp $auth if defined $auth;
    my ($uid, $secret) = RT::AuthToken->ParseAuthString($auth // '');
    if ($uid && $uid == $root->Id) {
        my $tokens = RT::AuthTokens->new($root);
        $tokens->LimitOwner(VALUE => $root->Id);
        while (my $t = $tokens->Next) {
            if ($t->IsToken($secret)) { $valid = 1; last; }
        }
    }
}
unless ($valid) {
    my $token = RT::AuthToken->new($root);
    my ($id, $msg, $auth) = $token->Create(Owner => $root->Id, Description => 'casepack tests');
    check($id, $msg, 'create REST2 token for root');
    my $old = umask 0077;
    open my $fh, '>', "$token_file.tmp" or die "RT setup: cannot write $token_file: $!\n";
    print $fh "$auth\n";
    close $fh or die "RT setup: cannot write $token_file: $!\n";
    umask $old;
    chmod 0600, "$token_file.tmp";
    rename "$token_file.tmp", $token_file or die "RT setup: cannot write $token_file: $!\n";
    print STDERR "[test-env] RT token written to $token_file\n";
}
