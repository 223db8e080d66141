# The accept check of urn:mockgraph:contract:virtualEventSession#/$defs/virtualEventSession, from mockgraph/accept.py: do not edit.
DIGEST = 'ef731a59104c88b77c4741ce0b70efa1a982113e73890a0b625d565ef75a5eca'
FORMATS = ['date-time']
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventSession$': re.compile('^#?microsoft\\.graph\\.virtualEventSession$'),
    '^#?microsoft\\.graph\\.dateTimeTimeZone$': re.compile('^#?microsoft\\.graph\\.dateTimeTimeZone$'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$'),
    '^#?microsoft\\.graph\\.watermarkProtectionValues$': re.compile('^#?microsoft\\.graph\\.watermarkProtectionValues$'),
    '^#?microsoft\\.graph\\.onlineMeetingSensitivityLabelAssignment$': re.compile('^#?microsoft\\.graph\\.onlineMeetingSensitivityLabelAssignment$'),
    '^#?microsoft\\.graph\\.lobbyBypassSettings$': re.compile('^#?microsoft\\.graph\\.lobbyBypassSettings$'),
    '^#?microsoft\\.graph\\.joinMeetingIdSettings$': re.compile('^#?microsoft\\.graph\\.joinMeetingIdSettings$'),
    '^#?microsoft\\.graph\\.itemBody$': re.compile('^#?microsoft\\.graph\\.itemBody$'),
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$': re.compile('^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$'),
    '^#?microsoft\\.graph\\.cloudVideoInteropInfo$': re.compile('^#?microsoft\\.graph\\.cloudVideoInteropInfo$'),
    '^#?microsoft\\.graph\\.chatRestrictions$': re.compile('^#?microsoft\\.graph\\.chatRestrictions$'),
    '^#?microsoft\\.graph\\.chatInfo$': re.compile('^#?microsoft\\.graph\\.chatInfo$'),
    '^#?microsoft\\.graph\\.audioConferencing$': re.compile('^#?microsoft\\.graph\\.audioConferencing$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_virtualeventsession(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_virtualeventsession(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventSession$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventSession$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "allowAttendeeToEnableCamera" in data_keys:
            data_keys.remove("allowAttendeeToEnableCamera")
            data__allowAttendeeToEnableCamera = data["allowAttendeeToEnableCamera"]
            if not isinstance(data__allowAttendeeToEnableCamera, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowAttendeeToEnableCamera must be boolean or null")
        if "allowAttendeeToEnableMic" in data_keys:
            data_keys.remove("allowAttendeeToEnableMic")
            data__allowAttendeeToEnableMic = data["allowAttendeeToEnableMic"]
            if not isinstance(data__allowAttendeeToEnableMic, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowAttendeeToEnableMic must be boolean or null")
        if "allowBreakoutRooms" in data_keys:
            data_keys.remove("allowBreakoutRooms")
            data__allowBreakoutRooms = data["allowBreakoutRooms"]
            if not isinstance(data__allowBreakoutRooms, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowBreakoutRooms must be boolean or null")
        if "allowCopyingAndSharingMeetingContent" in data_keys:
            data_keys.remove("allowCopyingAndSharingMeetingContent")
            data__allowCopyingAndSharingMeetingContent = data["allowCopyingAndSharingMeetingContent"]
            if not isinstance(data__allowCopyingAndSharingMeetingContent, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowCopyingAndSharingMeetingContent must be boolean or null")
        if "allowedLobbyAdmitters" in data_keys:
            data_keys.remove("allowedLobbyAdmitters")
            data__allowedLobbyAdmitters = data["allowedLobbyAdmitters"]
            validate____defs_allowedlobbyadmitterroles(data__allowedLobbyAdmitters, custom_formats, (name_prefix or "data") + ".allowedLobbyAdmitters")
        if "allowedPresenters" in data_keys:
            data_keys.remove("allowedPresenters")
            data__allowedPresenters = data["allowedPresenters"]
            validate____defs_onlinemeetingpresenters(data__allowedPresenters, custom_formats, (name_prefix or "data") + ".allowedPresenters")
        if "allowLiveShare" in data_keys:
            data_keys.remove("allowLiveShare")
            data__allowLiveShare = data["allowLiveShare"]
            validate____defs_meetingliveshareoptions(data__allowLiveShare, custom_formats, (name_prefix or "data") + ".allowLiveShare")
        if "allowMeetingChat" in data_keys:
            data_keys.remove("allowMeetingChat")
            data__allowMeetingChat = data["allowMeetingChat"]
            validate____defs_meetingchatmode(data__allowMeetingChat, custom_formats, (name_prefix or "data") + ".allowMeetingChat")
        if "allowParticipantsToChangeName" in data_keys:
            data_keys.remove("allowParticipantsToChangeName")
            data__allowParticipantsToChangeName = data["allowParticipantsToChangeName"]
            if not isinstance(data__allowParticipantsToChangeName, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowParticipantsToChangeName must be boolean or null")
        if "allowPowerPointSharing" in data_keys:
            data_keys.remove("allowPowerPointSharing")
            data__allowPowerPointSharing = data["allowPowerPointSharing"]
            if not isinstance(data__allowPowerPointSharing, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowPowerPointSharing must be boolean or null")
        if "allowRecording" in data_keys:
            data_keys.remove("allowRecording")
            data__allowRecording = data["allowRecording"]
            if not isinstance(data__allowRecording, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowRecording must be boolean or null")
        if "allowTeamworkReactions" in data_keys:
            data_keys.remove("allowTeamworkReactions")
            data__allowTeamworkReactions = data["allowTeamworkReactions"]
            if not isinstance(data__allowTeamworkReactions, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowTeamworkReactions must be boolean or null")
        if "allowTranscription" in data_keys:
            data_keys.remove("allowTranscription")
            data__allowTranscription = data["allowTranscription"]
            if not isinstance(data__allowTranscription, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowTranscription must be boolean or null")
        if "allowWhiteboard" in data_keys:
            data_keys.remove("allowWhiteboard")
            data__allowWhiteboard = data["allowWhiteboard"]
            if not isinstance(data__allowWhiteboard, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowWhiteboard must be boolean or null")
        if "audioConferencing" in data_keys:
            data_keys.remove("audioConferencing")
            data__audioConferencing = data["audioConferencing"]
            validate____defs_audioconferencing(data__audioConferencing, custom_formats, (name_prefix or "data") + ".audioConferencing")
        if "chatInfo" in data_keys:
            data_keys.remove("chatInfo")
            data__chatInfo = data["chatInfo"]
            validate____defs_chatinfo(data__chatInfo, custom_formats, (name_prefix or "data") + ".chatInfo")
        if "chatRestrictions" in data_keys:
            data_keys.remove("chatRestrictions")
            data__chatRestrictions = data["chatRestrictions"]
            validate____defs_chatrestrictions(data__chatRestrictions, custom_formats, (name_prefix or "data") + ".chatRestrictions")
        if "cloudVideoInteropInfo" in data_keys:
            data_keys.remove("cloudVideoInteropInfo")
            data__cloudVideoInteropInfo = data["cloudVideoInteropInfo"]
            validate____defs_cloudvideointeropinfo(data__cloudVideoInteropInfo, custom_formats, (name_prefix or "data") + ".cloudVideoInteropInfo")
        if "expiryDateTime" in data_keys:
            data_keys.remove("expiryDateTime")
            data__expiryDateTime = data["expiryDateTime"]
            validate____defs_edm_datetimeoffset(data__expiryDateTime, custom_formats, (name_prefix or "data") + ".expiryDateTime")
        if "isEndToEndEncryptionEnabled" in data_keys:
            data_keys.remove("isEndToEndEncryptionEnabled")
            data__isEndToEndEncryptionEnabled = data["isEndToEndEncryptionEnabled"]
            if not isinstance(data__isEndToEndEncryptionEnabled, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isEndToEndEncryptionEnabled must be boolean or null")
        if "isEntryExitAnnounced" in data_keys:
            data_keys.remove("isEntryExitAnnounced")
            data__isEntryExitAnnounced = data["isEntryExitAnnounced"]
            if not isinstance(data__isEntryExitAnnounced, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isEntryExitAnnounced must be boolean or null")
        if "joinInformation" in data_keys:
            data_keys.remove("joinInformation")
            data__joinInformation = data["joinInformation"]
            validate____defs_itembody(data__joinInformation, custom_formats, (name_prefix or "data") + ".joinInformation")
        if "joinMeetingIdSettings" in data_keys:
            data_keys.remove("joinMeetingIdSettings")
            data__joinMeetingIdSettings = data["joinMeetingIdSettings"]
            validate____defs_joinmeetingidsettings(data__joinMeetingIdSettings, custom_formats, (name_prefix or "data") + ".joinMeetingIdSettings")
        if "joinWebUrl" in data_keys:
            data_keys.remove("joinWebUrl")
            data__joinWebUrl = data["joinWebUrl"]
            if not isinstance(data__joinWebUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".joinWebUrl must be string or null")
        if "lobbyBypassSettings" in data_keys:
            data_keys.remove("lobbyBypassSettings")
            data__lobbyBypassSettings = data["lobbyBypassSettings"]
            validate____defs_lobbybypasssettings(data__lobbyBypassSettings, custom_formats, (name_prefix or "data") + ".lobbyBypassSettings")
        if "meetingOptionsWebUrl" in data_keys:
            data_keys.remove("meetingOptionsWebUrl")
            data__meetingOptionsWebUrl = data["meetingOptionsWebUrl"]
            if not isinstance(data__meetingOptionsWebUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".meetingOptionsWebUrl must be string or null")
        if "meetingSpokenLanguageTag" in data_keys:
            data_keys.remove("meetingSpokenLanguageTag")
            data__meetingSpokenLanguageTag = data["meetingSpokenLanguageTag"]
            if not isinstance(data__meetingSpokenLanguageTag, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".meetingSpokenLanguageTag must be string or null")
        if "meetingType" in data_keys:
            data_keys.remove("meetingType")
            data__meetingType = data["meetingType"]
            validate____defs_onlinemeetingtype(data__meetingType, custom_formats, (name_prefix or "data") + ".meetingType")
        if "recordAutomatically" in data_keys:
            data_keys.remove("recordAutomatically")
            data__recordAutomatically = data["recordAutomatically"]
            if not isinstance(data__recordAutomatically, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".recordAutomatically must be boolean or null")
        if "sensitivityLabelAssignment" in data_keys:
            data_keys.remove("sensitivityLabelAssignment")
            data__sensitivityLabelAssignment = data["sensitivityLabelAssignment"]
            validate____defs_onlinemeetingsensitivitylabelassignment(data__sensitivityLabelAssignment, custom_formats, (name_prefix or "data") + ".sensitivityLabelAssignment")
        if "shareMeetingChatHistoryDefault" in data_keys:
            data_keys.remove("shareMeetingChatHistoryDefault")
            data__shareMeetingChatHistoryDefault = data["shareMeetingChatHistoryDefault"]
            validate____defs_meetingchathistorydefaultmode(data__shareMeetingChatHistoryDefault, custom_formats, (name_prefix or "data") + ".shareMeetingChatHistoryDefault")
        if "subject" in data_keys:
            data_keys.remove("subject")
            data__subject = data["subject"]
            if not isinstance(data__subject, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".subject must be string or null")
        if "videoTeleconferenceId" in data_keys:
            data_keys.remove("videoTeleconferenceId")
            data__videoTeleconferenceId = data["videoTeleconferenceId"]
            if not isinstance(data__videoTeleconferenceId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".videoTeleconferenceId must be string or null")
        if "watermarkProtection" in data_keys:
            data_keys.remove("watermarkProtection")
            data__watermarkProtection = data["watermarkProtection"]
            validate____defs_watermarkprotectionvalues(data__watermarkProtection, custom_formats, (name_prefix or "data") + ".watermarkProtection")
        if "capacity" in data_keys:
            data_keys.remove("capacity")
            data__capacity = data["capacity"]
            validate____defs_edm_int32(data__capacity, custom_formats, (name_prefix or "data") + ".capacity")
        if "endDateTime" in data_keys:
            data_keys.remove("endDateTime")
            data__endDateTime = data["endDateTime"]
            validate____defs_datetimetimezone(data__endDateTime, custom_formats, (name_prefix or "data") + ".endDateTime")
        if "startDateTime" in data_keys:
            data_keys.remove("startDateTime")
            data__startDateTime = data["startDateTime"]
            validate____defs_datetimetimezone(data__startDateTime, custom_formats, (name_prefix or "data") + ".startDateTime")
        if "videoOnDemandWebUrl" in data_keys:
            data_keys.remove("videoOnDemandWebUrl")
            data__videoOnDemandWebUrl = data["videoOnDemandWebUrl"]
            if not isinstance(data__videoOnDemandWebUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".videoOnDemandWebUrl must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_datetimetimezone(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['dateTime']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.dateTimeTimeZone$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.dateTimeTimeZone$")
        if "dateTime" in data_keys:
            data_keys.remove("dateTime")
            data__dateTime = data["dateTime"]
            if not isinstance(data__dateTime, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dateTime must be string")
            if isinstance(data__dateTime, str):
                if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$'].search(data__dateTime):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".dateTime must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$")
        if "timeZone" in data_keys:
            data_keys.remove("timeZone")
            data__timeZone = data["timeZone"]
            if not isinstance(data__timeZone, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timeZone must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_edm_int32(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (int, NoneType)) or isinstance(data, bool):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be integer or null")
    if isinstance(data, (int, float, Decimal)) and not isinstance(data, bool):
        if data < -2147483648:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be bigger than or equal to -2147483648")
        if data > 2147483647:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be smaller than or equal to 2147483647")
    return data

def validate____defs_watermarkprotectionvalues(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.watermarkProtectionValues$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.watermarkProtectionValues$")
        if "isEnabledForContentSharing" in data_keys:
            data_keys.remove("isEnabledForContentSharing")
            data__isEnabledForContentSharing = data["isEnabledForContentSharing"]
            if not isinstance(data__isEnabledForContentSharing, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isEnabledForContentSharing must be boolean or null")
        if "isEnabledForVideo" in data_keys:
            data_keys.remove("isEnabledForVideo")
            data__isEnabledForVideo = data["isEnabledForVideo"]
            if not isinstance(data__isEnabledForVideo, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isEnabledForVideo must be boolean or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_meetingchathistorydefaultmode(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'none' or isinstance(data, str) and data == 'all' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['none', 'all', 'unknownFutureValue', None]")
    return data

def validate____defs_onlinemeetingsensitivitylabelassignment(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.onlineMeetingSensitivityLabelAssignment$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.onlineMeetingSensitivityLabelAssignment$")
        if "sensitivityLabelId" in data_keys:
            data_keys.remove("sensitivityLabelId")
            data__sensitivityLabelId = data["sensitivityLabelId"]
            if not isinstance(data__sensitivityLabelId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sensitivityLabelId must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_onlinemeetingtype(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'adhoc' or isinstance(data, str) and data == 'scheduled' or isinstance(data, str) and data == 'recurring' or isinstance(data, str) and data == 'broadcast' or isinstance(data, str) and data == 'meetnow' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['adhoc', 'scheduled', 'recurring', 'broadcast', 'meetnow', 'unknownFutureValue', None]")
    return data

def validate____defs_lobbybypasssettings(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.lobbyBypassSettings$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.lobbyBypassSettings$")
        if "isDialInBypassEnabled" in data_keys:
            data_keys.remove("isDialInBypassEnabled")
            data__isDialInBypassEnabled = data["isDialInBypassEnabled"]
            if not isinstance(data__isDialInBypassEnabled, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isDialInBypassEnabled must be boolean or null")
        if "scope" in data_keys:
            data_keys.remove("scope")
            data__scope = data["scope"]
            validate____defs_lobbybypassscope(data__scope, custom_formats, (name_prefix or "data") + ".scope")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_lobbybypassscope(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'organizer' or isinstance(data, str) and data == 'organization' or isinstance(data, str) and data == 'organizationAndFederated' or isinstance(data, str) and data == 'everyone' or isinstance(data, str) and data == 'unknownFutureValue' or isinstance(data, str) and data == 'invited' or isinstance(data, str) and data == 'organizationExcludingGuests' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['organizer', 'organization', 'organizationAndFederated', 'everyone', 'unknownFutureValue', 'invited', 'organizationExcludingGuests', None]")
    return data

def validate____defs_joinmeetingidsettings(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.joinMeetingIdSettings$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.joinMeetingIdSettings$")
        if "isPasscodeRequired" in data_keys:
            data_keys.remove("isPasscodeRequired")
            data__isPasscodeRequired = data["isPasscodeRequired"]
            if not isinstance(data__isPasscodeRequired, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isPasscodeRequired must be boolean or null")
        if "joinMeetingId" in data_keys:
            data_keys.remove("joinMeetingId")
            data__joinMeetingId = data["joinMeetingId"]
            if not isinstance(data__joinMeetingId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".joinMeetingId must be string or null")
        if "passcode" in data_keys:
            data_keys.remove("passcode")
            data__passcode = data["passcode"]
            if not isinstance(data__passcode, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".passcode must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_itembody(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.itemBody$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.itemBody$")
        if "content" in data_keys:
            data_keys.remove("content")
            data__content = data["content"]
            if not isinstance(data__content, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".content must be string or null")
        if "contentType" in data_keys:
            data_keys.remove("contentType")
            data__contentType = data["contentType"]
            validate____defs_bodytype(data__contentType, custom_formats, (name_prefix or "data") + ".contentType")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_bodytype(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'text' or isinstance(data, str) and data == 'html' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['text', 'html', None]")
    return data

def validate____defs_edm_datetimeoffset(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string or null")
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$")
        if not custom_formats["date-time"](data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be date-time")
    return data

def validate____defs_cloudvideointeropinfo(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.cloudVideoInteropInfo$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.cloudVideoInteropInfo$")
        if "moreInfoWebUrl" in data_keys:
            data_keys.remove("moreInfoWebUrl")
            data__moreInfoWebUrl = data["moreInfoWebUrl"]
            if not isinstance(data__moreInfoWebUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".moreInfoWebUrl must be string or null")
        if "tenantKey" in data_keys:
            data_keys.remove("tenantKey")
            data__tenantKey = data["tenantKey"]
            if not isinstance(data__tenantKey, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tenantKey must be string or null")
        if "videoTeleconferenceId" in data_keys:
            data_keys.remove("videoTeleconferenceId")
            data__videoTeleconferenceId = data["videoTeleconferenceId"]
            if not isinstance(data__videoTeleconferenceId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".videoTeleconferenceId must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_chatrestrictions(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.chatRestrictions$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.chatRestrictions$")
        if "allowTextOnly" in data_keys:
            data_keys.remove("allowTextOnly")
            data__allowTextOnly = data["allowTextOnly"]
            if not isinstance(data__allowTextOnly, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allowTextOnly must be boolean or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_chatinfo(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.chatInfo$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.chatInfo$")
        if "messageId" in data_keys:
            data_keys.remove("messageId")
            data__messageId = data["messageId"]
            if not isinstance(data__messageId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".messageId must be string or null")
        if "replyChainMessageId" in data_keys:
            data_keys.remove("replyChainMessageId")
            data__replyChainMessageId = data["replyChainMessageId"]
            if not isinstance(data__replyChainMessageId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".replyChainMessageId must be string or null")
        if "threadId" in data_keys:
            data_keys.remove("threadId")
            data__threadId = data["threadId"]
            if not isinstance(data__threadId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".threadId must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_audioconferencing(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.audioConferencing$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.audioConferencing$")
        if "conferenceId" in data_keys:
            data_keys.remove("conferenceId")
            data__conferenceId = data["conferenceId"]
            if not isinstance(data__conferenceId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".conferenceId must be string or null")
        if "dialinUrl" in data_keys:
            data_keys.remove("dialinUrl")
            data__dialinUrl = data["dialinUrl"]
            if not isinstance(data__dialinUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".dialinUrl must be string or null")
        if "tollFreeNumber" in data_keys:
            data_keys.remove("tollFreeNumber")
            data__tollFreeNumber = data["tollFreeNumber"]
            if not isinstance(data__tollFreeNumber, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tollFreeNumber must be string or null")
        if "tollFreeNumbers" in data_keys:
            data_keys.remove("tollFreeNumbers")
            data__tollFreeNumbers = data["tollFreeNumbers"]
            if not isinstance(data__tollFreeNumbers, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tollFreeNumbers must be array or null")
            data__tollFreeNumbers_is_list = isinstance(data__tollFreeNumbers, (list, tuple))
            if data__tollFreeNumbers_is_list:
                data__tollFreeNumbers_len = len(data__tollFreeNumbers)
                for data__tollFreeNumbers_x, data__tollFreeNumbers_item in enumerate(data__tollFreeNumbers):
                    if not isinstance(data__tollFreeNumbers_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".tollFreeNumbers[{data__tollFreeNumbers_x}]".format(**locals()) + " must be string")
        if "tollNumber" in data_keys:
            data_keys.remove("tollNumber")
            data__tollNumber = data["tollNumber"]
            if not isinstance(data__tollNumber, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tollNumber must be string or null")
        if "tollNumbers" in data_keys:
            data_keys.remove("tollNumbers")
            data__tollNumbers = data["tollNumbers"]
            if not isinstance(data__tollNumbers, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tollNumbers must be array or null")
            data__tollNumbers_is_list = isinstance(data__tollNumbers, (list, tuple))
            if data__tollNumbers_is_list:
                data__tollNumbers_len = len(data__tollNumbers)
                for data__tollNumbers_x, data__tollNumbers_item in enumerate(data__tollNumbers):
                    if not isinstance(data__tollNumbers_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".tollNumbers[{data__tollNumbers_x}]".format(**locals()) + " must be string")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_meetingchatmode(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'enabled' or isinstance(data, str) and data == 'disabled' or isinstance(data, str) and data == 'limited' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['enabled', 'disabled', 'limited', 'unknownFutureValue', None]")
    return data

def validate____defs_meetingliveshareoptions(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'enabled' or isinstance(data, str) and data == 'disabled' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['enabled', 'disabled', 'unknownFutureValue', None]")
    return data

def validate____defs_onlinemeetingpresenters(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'everyone' or isinstance(data, str) and data == 'organization' or isinstance(data, str) and data == 'roleIsPresenter' or isinstance(data, str) and data == 'organizer' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['everyone', 'organization', 'roleIsPresenter', 'organizer', 'unknownFutureValue', None]")
    return data

def validate____defs_allowedlobbyadmitterroles(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'organizerAndCoOrganizersAndPresenters' or isinstance(data, str) and data == 'organizerAndCoOrganizers' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['organizerAndCoOrganizersAndPresenters', 'organizerAndCoOrganizers', 'unknownFutureValue', None]")
    return data
ACCEPTS = validate
