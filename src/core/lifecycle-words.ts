// The guide panel's words for a connection's later life (docs/lifecycle.md): the disconnect's
// pages (the role's Delete, each policy Crossrole created, the read-back) and an update's read-
// back. Sent by the background with the setup in the console's language like the guardrail
// words; the content script only
// fills `{service}`, `{role}`, `{policy}`, `{date}` and `{level}`.

export const LIFECYCLE_WORDS_EN = {
  disconnectTitle: 'Disconnect {service}: delete the role {role}',
  disconnectDelete:
    'Press Delete above, type {role} in the box, and press Delete. {service} can no longer use this role once it is gone.',
  disconnectNotice:
    'Crossrole does not delete anything itself: you press Delete. It then reads the role back and tells {service}.',
  disconnectTyping: 'Type {role} and press Delete to confirm.',
  disconnectOpenRole: 'Open the role {role}',
  disconnectChecking: 'Checking that the role {role} is gone…',
  disconnectNoDelete:
    'Crossrole could not find the Delete button of the role {role}. Delete it yourself in the IAM console; Crossrole then reads it back.',
  disconnectRoleGone: 'The role {role} is deleted.',
  disconnectPolicyTitle: 'Delete the policy {policy}?',
  disconnectPolicyWhy:
    'Crossrole created {policy} for {service}’s role. If nothing else uses it, press Delete above, type its name and press Delete. IAM refuses while it is still attached somewhere.',
  disconnectKeep: 'Keep this policy',
  disconnectDone: '{service} is told that the role is gone.',
  disconnectDoneTitle: 'Disconnected from {service}',
  disconnectRefused: 'IAM did not delete it:',
  connectedTitle: '{service} uses this role',
  connectedSince: 'Connected through Crossrole on {date}, access level {level}.',
  connectedNote: 'To move it to another level, or to disconnect, open Crossrole.',
  connectedCheck: 'Check against {service} today',
  trustedTitle: '{service} can use this role',
  trustedText:
    'Its trust policy names {service}’s AWS account {account}. Crossrole did not connect it on this browser, so it knows neither its access level nor since when. To keep it right with {service}, connect it in Crossrole with “Update an existing role instead”.',
  goneTitle: '{service}’s role {role} is gone',
  goneText:
    'IAM has no role {role} in this account any more, so {service} can no longer use it. Tell {service}, so that it stops trying?',
  goneButton: 'Tell {service}',
  goneTold: '{service} is told that the role {role} is gone.',
  updateUpToDate: 'Up to date: {role} holds what {service} asks for',
  updateNothingSent: 'Nothing changed since {service} was told, so nothing is sent.',
  updateSending: 'Telling {service} what changed in {role}',
  updateKeptTitle: 'Detach what {service} no longer asks for',
  updateKept:
    'Still attached from before: {policy}. {service} no longer asks for it: detach it on the Permissions tab (select it, then Remove), then have Crossrole read the role again.',
  policyReading: 'Reading the policy {policy} from IAM…',
  policyCreate: 'Not in this account? Create {policy}',
  policyDiffersTitle: 'The policy {policy} is not what {service} asks for today',
  policyDiffers:
    'IAM’s default version of {policy} holds another document. Update policy opens its Edit page with {service}’s document; you press Save changes, and IAM makes it the new default version.',
  policyUpdate: 'Update policy',
  policyVersionsFull:
    'IAM keeps at most five versions of a policy, and {policy} has five. Delete {version} on its Policy versions tab first (it is not the default), then read the policy again.',
  policyReadAgain: 'Read the policy again',
  policyEditTitle: 'Update the policy {policy}',
  policyWritten: '{service}’s document is in the editor, read back',
  policyNotWritten:
    'Crossrole could not put the document in the editor: paste it, then press Save changes.',
  policySave:
    'Review it, keep “Set this new version as the default” ticked, and press Save changes: IAM keeps the old version too.',
  policyUnread: 'Crossrole cannot read the policy’s document on this page.',
};
export type LifecycleWord = keyof typeof LIFECYCLE_WORDS_EN;

export const LIFECYCLE_WORDS_JA: Record<LifecycleWord, string> = {
  disconnectTitle: '{service} との接続を解除: ロール {role} を削除',
  disconnectDelete:
    '上の「削除」を押し、ボックスに {role} と入力して「削除」を押してください。ロールがなくなると {service} はこのロールを使えなくなります。',
  disconnectNotice:
    'Crossrole は自分では何も削除しません。削除を押すのはあなたです。その後 Crossrole がロールを読み直して {service} に伝えます。',
  disconnectTyping: '確認のため {role} と入力して「削除」を押してください。',
  disconnectOpenRole: 'ロール {role} を開く',
  disconnectChecking: 'ロール {role} がなくなったことを確認しています…',
  disconnectNoDelete:
    'ロール {role} の「削除」ボタンが見つかりません。IAM コンソールでご自身で削除してください。その後 Crossrole が読み直します。',
  disconnectRoleGone: 'ロール {role} は削除されました。',
  disconnectPolicyTitle: 'ポリシー {policy} を削除しますか?',
  disconnectPolicyWhy:
    '{policy} は Crossrole が {service} のロールのために作成しました。ほかに使われていなければ、上の「削除」を押し、名前を入力して「削除」を押してください。どこかにアタッチされている間は IAM が拒否します。',
  disconnectKeep: 'このポリシーを残す',
  disconnectDone: '{service} にロールがなくなったことを伝えます。',
  disconnectDoneTitle: '{service} との接続を解除しました',
  disconnectRefused: 'IAM は削除しませんでした:',
  connectedTitle: '{service} がこのロールを使っています',
  connectedSince: '{date} に Crossrole で接続しました。アクセスレベル: {level}。',
  connectedNote: '別のレベルに変えるときや接続を解除するときは Crossrole を開いてください。',
  connectedCheck: '{service} の今の要求と照合',
  trustedTitle: '{service} がこのロールを使えます',
  trustedText:
    'このロールの信頼ポリシーは {service} の AWS アカウント {account} を指定しています。このブラウザの Crossrole では接続していないため、アクセスレベルも接続した時期もわかりません。{service} に合わせて保つには、Crossrole の「代わりに既存のロールを更新」で接続してください。',
  goneTitle: '{service} のロール {role} はなくなりました',
  goneText:
    'このアカウントの IAM にはもうロール {role} がないため、{service} はこのロールを使えません。試行をやめるよう {service} に伝えますか?',
  goneButton: '{service} に伝える',
  goneTold: 'ロール {role} がなくなったことを {service} に伝えました。',
  updateUpToDate: '最新です: {role} は {service} が求める許可を持っています',
  updateNothingSent: '{service} に伝えた時から変わっていないため、何も送信しません。',
  updateSending: '{role} の変更を {service} に伝えています',
  updateKeptTitle: '{service} が求めなくなった許可をデタッチ',
  updateKept:
    '以前からアタッチされたままです: {policy}。{service} はもう求めていません。「許可」タブで選択して「削除」でデタッチしてから、Crossrole にロールをもう一度読み取らせてください。',
  policyReading: 'IAM からポリシー {policy} を読み取っています…',
  policyCreate: 'このアカウントにない場合: {policy} を作成',
  policyDiffersTitle: 'ポリシー {policy} は {service} が今求める内容と違います',
  policyDiffers:
    'IAM の {policy} のデフォルトバージョンは別のドキュメントです。「ポリシーを更新」で {service} のドキュメントを入れた編集ページを開きます。「変更の保存」を押すと、IAM が新しいデフォルトバージョンにします。',
  policyUpdate: 'ポリシーを更新',
  policyVersionsFull:
    'IAM はポリシーのバージョンを最大 5 つまで保持し、{policy} には 5 つあります。先に「ポリシーのバージョン」タブで {version} (デフォルトではありません) を削除してから、ポリシーをもう一度読み取ってください。',
  policyReadAgain: 'ポリシーをもう一度読み取る',
  policyEditTitle: 'ポリシー {policy} を更新',
  policyWritten: '{service} のドキュメントをエディタに入れ、読み直しました',
  policyNotWritten:
    'ドキュメントをエディタに入れられませんでした。貼り付けてから「変更の保存」を押してください。',
  policySave:
    '内容を確認し、「この新しいバージョンをデフォルトとして設定」をオンのまま「変更の保存」を押してください。古いバージョンも IAM に残ります。',
  policyUnread: 'このページではポリシーのドキュメントを読み取れません。',
};
