# The accept check of virtualEventPresenter.schema.json#/$defs/create, from mockgraph/accept.py: do not edit.
DIGEST = '47f0e793e4c524cb6252290a15ae4a9aa18873adf6ef7b05c187081514f556b4'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventPresenter$': re.compile('^#?microsoft\\.graph\\.virtualEventPresenter$'),
    '^#?microsoft\\.graph\\.virtualEventPresenterDetails$': re.compile('^#?microsoft\\.graph\\.virtualEventPresenterDetails$'),
    '^#?microsoft\\.graph\\.itemBody$': re.compile('^#?microsoft\\.graph\\.itemBody$'),
    '^#?microsoft\\.graph\\.communicationsGuestIdentity$': re.compile('^#?microsoft\\.graph\\.communicationsGuestIdentity$'),
    '^#?microsoft\\.graph\\.communicationsUserIdentity$': re.compile('^#?microsoft\\.graph\\.communicationsUserIdentity$'),
    '^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$': re.compile('^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_create(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_create(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventPresenter$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventPresenter$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "email" in data_keys:
            data_keys.remove("email")
            data__email = data["email"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must NOT match a disallowed definition")
        if "identity" in data_keys:
            data_keys.remove("identity")
            data__identity = data["identity"]
            validate____defs_virtualeventpresenter_identity_request(data__identity, custom_formats, (name_prefix or "data") + ".identity")
        if "presenterDetails" in data_keys:
            data_keys.remove("presenterDetails")
            data__presenterDetails = data["presenterDetails"]
            validate____defs_virtualeventpresenterdetails(data__presenterDetails, custom_formats, (name_prefix or "data") + ".presenterDetails")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_virtualeventpresenterdetails(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventPresenterDetails$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventPresenterDetails$")
        if "bio" in data_keys:
            data_keys.remove("bio")
            data__bio = data["bio"]
            validate____defs_itembody(data__bio, custom_formats, (name_prefix or "data") + ".bio")
        if "company" in data_keys:
            data_keys.remove("company")
            data__company = data["company"]
            if not isinstance(data__company, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".company must be string or null")
        if "jobTitle" in data_keys:
            data_keys.remove("jobTitle")
            data__jobTitle = data["jobTitle"]
            if not isinstance(data__jobTitle, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".jobTitle must be string or null")
        if "linkedInProfileWebUrl" in data_keys:
            data_keys.remove("linkedInProfileWebUrl")
            data__linkedInProfileWebUrl = data["linkedInProfileWebUrl"]
            if not isinstance(data__linkedInProfileWebUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".linkedInProfileWebUrl must be string or null")
        if "personalSiteWebUrl" in data_keys:
            data_keys.remove("personalSiteWebUrl")
            data__personalSiteWebUrl = data["personalSiteWebUrl"]
            if not isinstance(data__personalSiteWebUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".personalSiteWebUrl must be string or null")
        if "photo" in data_keys:
            data_keys.remove("photo")
            data__photo = data["photo"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".photo must NOT match a disallowed definition")
        if "twitterProfileWebUrl" in data_keys:
            data_keys.remove("twitterProfileWebUrl")
            data__twitterProfileWebUrl = data["twitterProfileWebUrl"]
            if not isinstance(data__twitterProfileWebUrl, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".twitterProfileWebUrl must be string or null")
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

def validate____defs_virtualeventpresenter_identity_request(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['@odata.type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "@odata.type" in data_keys:
                data_keys.remove("@odata.type")
                data__odatatype = data["@odata.type"]
                if not isinstance(data__odatatype, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
                if isinstance(data__odatatype, str):
                    if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsGuestIdentity$'].search(data__odatatype):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsGuestIdentity$")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        validate____defs_communicationsguestidentity(data, custom_formats, (name_prefix or "data") + "")
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['displayName', 'email']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['@odata.type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "@odata.type" in data_keys:
                data_keys.remove("@odata.type")
                data__odatatype = data["@odata.type"]
                if not isinstance(data__odatatype, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
                if isinstance(data__odatatype, str):
                    if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsUserIdentity$'].search(data__odatatype):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsUserIdentity$")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        validate____defs_communicationsuseridentity(data, custom_formats, (name_prefix or "data") + "")
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['id']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['@odata.type']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.(communicationsGuestIdentity|communicationsUserIdentity)$")
    return data

def validate____defs_communicationsuseridentity(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsUserIdentity$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsUserIdentity$")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string or null")
        if "tenantId" in data_keys:
            data_keys.remove("tenantId")
            data__tenantId = data["tenantId"]
            if not isinstance(data__tenantId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tenantId must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_communicationsguestidentity(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.communicationsGuestIdentity$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.communicationsGuestIdentity$")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            if not isinstance(data__id, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must be string or null")
        if "email" in data_keys:
            data_keys.remove("email")
            data__email = data["email"]
            if not isinstance(data__email, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data
ACCEPTS = validate
